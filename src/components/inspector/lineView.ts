import { lineWaterfall } from './lineWaterfall';
import { num, obj, objects, optStr, str } from './readers';
import type { Waterfall } from './waterfallTypes';

/** One agent's rollup as the inspector shows it. */
export interface AgentFigures {
  agent: string;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  unpricedCalls: number;
  durationMs: number;
  models: string;
}

/** A kept warning of the line. */
export interface WarningView {
  classification: string;
  action: string;
  stage?: string;
  message: string;
}

/** A run's canonical line, read for the inspector (tolerant of older schema versions and missing fields). */
export interface LineView {
  schemaVersion: number;
  pipelineId: string;
  outcome: string;
  source: string;
  durationMs: number;
  traceId?: string;
  requestTraceId?: string;
  error?: { type: string; message: string; stage?: string; causes: Array<{ type: string; message: string }> };
  warnings?: { count: number; dropped: number; byClassification: Array<[string, number]>; first: WarningView[] };
  agents: AgentFigures[];
  /** Calls in the line's per-call list, and how many the run made. */
  calls: { kept: number; total: number };
  totals: Record<string, number | boolean>;
  waterfall: Waterfall;
  /** The line, indented for reading. */
  pretty: string;
}

function agentFigures(agents: Record<string, unknown> | undefined): AgentFigures[] {
  return Object.entries(agents ?? {}).map(([agent, value]) => {
    const a = obj(value) ?? {};
    return {
      agent,
      calls: num(a.calls),
      errors: num(a.errors),
      inputTokens: num(a.inputTokens),
      outputTokens: num(a.outputTokens),
      costUsd: num(a.costUsd),
      unpricedCalls: num(a.unpricedCalls),
      durationMs: num(a.durationMs),
      models: str(a.models),
    };
  });
}

function warningsView(value: unknown): LineView['warnings'] {
  const w = obj(value);
  if (!w) return undefined;
  return {
    count: num(w.count),
    dropped: num(w.dropped),
    byClassification: Object.entries(obj(w.byClassification) ?? {}).map(([k, v]) => [k, num(v)]),
    first: objects(w.first).map((x) => ({ classification: str(x.classification), action: str(x.action), stage: optStr(x.stage), message: str(x.message) })),
  };
}

function errorView(value: unknown): LineView['error'] {
  const e = obj(value);
  if (!e) return undefined;
  const causes = objects(e.causes).map((c) => ({ type: str(c.type), message: str(c.message) }));
  return { type: str(e.type, 'Error'), message: str(e.message), stage: optStr(e.stage), causes };
}

/** Read a canonical line for the inspector; null when it is not a JSON object of kind `pipeline.run`. */
export function readLine(text: string | null): LineView | null {
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const line = obj(parsed);
  if (!line || line.kind !== 'pipeline.run') return null;
  const totals = Object.fromEntries(
    Object.entries(obj(line.totals) ?? {}).filter((e): e is [string, number | boolean] => typeof e[1] === 'number' || typeof e[1] === 'boolean'),
  );
  const kept = objects(line.agentCalls).length;
  const truncated = obj(line.agentCallsTruncated);
  return {
    schemaVersion: num(line.schemaVersion),
    pipelineId: str(line.pipelineId),
    outcome: str(line.outcome),
    source: str(line.source),
    durationMs: num(line.durationMs),
    traceId: optStr(line.traceId),
    requestTraceId: optStr(line.requestTraceId),
    error: errorView(line.error),
    warnings: warningsView(line.warnings),
    agents: agentFigures(obj(line.agents)),
    calls: { kept, total: truncated ? num(truncated.total, kept) : Math.max(kept, num(totals.agentCalls)) },
    totals,
    waterfall: lineWaterfall(line),
    pretty: JSON.stringify(line, null, 2),
  };
}
