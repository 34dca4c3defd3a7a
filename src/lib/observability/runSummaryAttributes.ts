import type { SpanAttributes } from '@sentry/core';
import type { JsonObject } from './jsonValue';

/** Prefix of the run-summary attributes on the root span. */
const PREFIX = 'crosstab.run.';

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * The run's summary as attributes of its root span (outcome, dataset, source, org, stage and agent-call counts, tokens,
 * cost, unpriced calls, table count), so runs can be filtered and aggregated in a trace explorer without opening the
 * event. Read from the emitted canonical line (already redacted).
 */
export function runSummaryAttributes(line: JsonObject | undefined): SpanAttributes {
  if (!line) return {};
  const out: SpanAttributes = {};
  for (const key of ['outcome', 'dataset', 'source', 'orgId'] as const) {
    const v = line[key];
    if (typeof v === 'string') out[`${PREFIX}${key === 'orgId' ? 'org_id' : key}`] = v;
  }
  const stages = Array.isArray(line.stages) ? line.stages : [];
  out[`${PREFIX}stages`] = stages.length;
  for (const status of ['error', 'cancelled', 'skipped'] as const) {
    out[`${PREFIX}stages_${status}`] = stages.filter((s) => s !== null && typeof s === 'object' && !Array.isArray(s) && s.status === status).length;
  }
  const totals = line.totals !== null && typeof line.totals === 'object' && !Array.isArray(line.totals) ? line.totals : {};
  const pairs: Array<[string, unknown]> = [
    ['agent_calls', totals.agentCalls],
    ['input_tokens', totals.inputTokens],
    ['output_tokens', totals.outputTokens],
    ['total_tokens', totals.totalTokens],
    ['cost_usd', totals.costUsd],
    ['unpriced_calls', totals.unpricedCalls],
    ['table_count', totals.tableCount],
    ['duration_ms', totals.durationMs],
  ];
  for (const [name, value] of pairs) {
    const n = num(value);
    if (n !== undefined) out[`${PREFIX}${name}`] = n;
  }
  return out;
}
