import type { JsonObject, JsonValue } from '../line/jsonValue';
import { sanitiseTagValue } from './sentryTags';

/** Level, tags, contexts and fingerprint of a run's Sentry event, derived from its canonical line. */
export interface WideEventSentryPayload {
  message: string;
  level: 'info' | 'warning' | 'error';
  tags: Record<string, string>;
  fingerprint: string[];
  /** Every context is flat (scalar values) or one level of flat records, so neither the SDK's normalizeDepth (3) nor Sentry's server-side trimming cuts anything. */
  contexts: Record<string, Record<string, JsonValue>>;
  traceId: string | undefined;
}

type Scalar = string | number | boolean | null;

function isScalar(v: JsonValue | undefined): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** A flat record: scalars kept, anything nested becomes its JSON text. */
function flat(obj: JsonValue | undefined): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  if (obj === null || obj === undefined || typeof obj !== 'object' || Array.isArray(obj)) return out;
  for (const [k, v] of Object.entries(obj)) out[k] = isScalar(v) ? v : JSON.stringify(v);
  return out;
}

/** Records keyed by a readable, unique key, each flattened. */
function keyedRecords(items: readonly JsonValue[], keyOf: (item: JsonObject, i: number) => string): Record<string, Record<string, Scalar>> {
  const out: Record<string, Record<string, Scalar>> = {};
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
    let key = keyOf(item, i);
    for (let n = 2; key in out; n += 1) key = `${keyOf(item, i)}#${n}`;
    out[key] = flat(item);
  });
  return out;
}

function levelOf(outcome: string): WideEventSentryPayload['level'] {
  if (outcome === 'error') return 'error';
  if (outcome === 'partial') return 'warning';
  return 'info';
}

/** Map a canonical line (already redacted and within budget) to the Sentry event's parts. */
export function buildSentryPayload(line: JsonObject, freeFields: readonly string[]): WideEventSentryPayload {
  const outcome = String(line.outcome);
  const pipelineId = String(line.pipelineId);
  const traceId = typeof line.traceId === 'string' ? line.traceId : undefined;

  const tags: Record<string, string> = {
    pipeline_id: sanitiseTagValue(pipelineId),
    dataset: sanitiseTagValue(line.dataset),
    outcome: sanitiseTagValue(outcome),
    source: sanitiseTagValue(line.source),
  };
  if (typeof line.orgId === 'string') tags.org_id = sanitiseTagValue(line.orgId);

  const run: Record<string, Scalar> = {};
  for (const key of [
    'kind',
    'schemaVersion',
    'pipelineId',
    'dataset',
    'orgId',
    'userId',
    'source',
    'outcome',
    'startedAt',
    'timestamp',
    'durationMs',
    'traceId',
    'requestTraceId',
  ]) {
    const v = line[key];
    if (isScalar(v)) run[key] = v;
  }
  const capped = line.agentCallsTruncated;
  if (capped && typeof capped === 'object' && !Array.isArray(capped)) {
    run.agentCallsTotal = isScalar(capped.total) ? capped.total : null;
    run.agentCallsKept = isScalar(capped.kept) ? capped.kept : null;
  }
  const spansCut = line.agentSpansTruncated;
  if (spansCut && typeof spansCut === 'object' && !Array.isArray(spansCut)) {
    run.agentSpansTotal = isScalar(spansCut.total) ? spansCut.total : null;
    run.agentSpansKept = isScalar(spansCut.kept) ? spansCut.kept : null;
  }
  if (line.fallback && typeof line.fallback === 'object' && !Array.isArray(line.fallback)) run.fallbackReason = String(line.fallback.reason);

  const contexts: WideEventSentryPayload['contexts'] = { pipeline_run: run, pipeline_totals: flat(line.totals) };
  const stages = Array.isArray(line.stages) ? line.stages : [];
  if (stages.length > 0) contexts.pipeline_stages = keyedRecords(stages, (s) => String(s.name));
  if (line.agents && typeof line.agents === 'object' && !Array.isArray(line.agents)) {
    const agents: Record<string, Record<string, Scalar>> = {};
    for (const [name, rollup] of Object.entries(line.agents)) agents[name] = flat(rollup);
    if (Object.keys(agents).length > 0) contexts.pipeline_agents = agents;
  }
  const calls = Array.isArray(line.agentCalls) ? line.agentCalls : [];
  if (calls.length > 0) contexts.pipeline_agent_calls = keyedRecords(calls, (_c, i) => String(i).padStart(4, '0'));
  if (line.error && typeof line.error === 'object' && !Array.isArray(line.error)) {
    const { causes, ...rest } = line.error;
    contexts.pipeline_error = flat(rest);
    if (Array.isArray(causes) && causes.length > 0) contexts.pipeline_error_causes = keyedRecords(causes, (_c, i) => String(i));
  }
  const fields: Record<string, Scalar> = {};
  for (const k of freeFields) if (k in line) fields[k] = isScalar(line[k]) ? (line[k] as Scalar) : JSON.stringify(line[k]);
  if (Object.keys(fields).length > 0) contexts.pipeline_fields = fields;
  if (line.truncated && typeof line.truncated === 'object') contexts.pipeline_truncated = flat(line.truncated);

  return {
    message: `pipeline.run ${outcome}`,
    level: levelOf(outcome),
    tags,
    fingerprint: ['pipeline.run', pipelineId, outcome],
    contexts,
    traceId,
  };
}
