import type { SpanAttributes } from '@sentry/core';
import { STAGE_STATUSES } from '@/lib/core/vocabulary';
import type { CanonicalLine } from '../line/canonicalSchema';

/** Prefix of the run-summary attributes on the root span. */
const PREFIX = 'crosstab.run.';

/**
 * The run's summary as attributes of its root span (outcome, dataset, source, org, stage and agent-call counts, tokens,
 * cost, unpriced calls, table count), so runs can be filtered and aggregated in a trace explorer without opening the
 * event. Read from the run's settled line (typed, already redacted).
 */
export function runSummaryAttributes(line: CanonicalLine | undefined): SpanAttributes {
  if (!line) return {};
  const out: SpanAttributes = {
    [`${PREFIX}outcome`]: line.outcome,
    [`${PREFIX}dataset`]: line.dataset,
    [`${PREFIX}source`]: line.source,
    [`${PREFIX}stages`]: line.stages.length,
  };
  if (line.orgId !== undefined) out[`${PREFIX}org_id`] = line.orgId;
  for (const status of STAGE_STATUSES.filter((s) => s !== 'ok')) out[`${PREFIX}stages_${status}`] = line.stages.filter((s) => s.status === status).length;
  const t = line.totals;
  const pairs: Array<[string, number]> = [
    ['agent_calls', t.agentCalls],
    ['input_tokens', t.inputTokens],
    ['output_tokens', t.outputTokens],
    ['total_tokens', t.totalTokens],
    ['cost_usd', t.costUsd],
    ['unpriced_calls', t.unpricedCalls],
    ['table_count', t.tableCount],
    ['duration_ms', t.durationMs],
  ];
  for (const [name, value] of pairs) out[`${PREFIX}${name}`] = value;
  return out;
}
