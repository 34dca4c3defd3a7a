import { readCanonicalLine, type CanonicalLine } from '@/lib/observability/line';
import { lineWaterfall } from './lineWaterfall';
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

function agentFigures(agents: CanonicalLine['agents']): AgentFigures[] {
  return Object.entries(agents).map(([agent, a]) => ({
    agent,
    calls: a.calls,
    errors: a.errors,
    inputTokens: a.inputTokens,
    outputTokens: a.outputTokens,
    costUsd: a.costUsd,
    unpricedCalls: a.unpricedCalls,
    durationMs: a.durationMs,
    models: a.models,
  }));
}

function warningsView(w: CanonicalLine['warnings']): LineView['warnings'] {
  if (!w) return undefined;
  return {
    count: w.count,
    dropped: w.dropped,
    byClassification: Object.entries(w.byClassification),
    first: w.first.map((x) => ({ classification: x.classification, action: x.action, stage: x.stage, message: x.message })),
  };
}

function errorView(e: CanonicalLine['error']): LineView['error'] {
  if (!e) return undefined;
  return { type: e.type, message: e.message, stage: e.stage, causes: (e.causes ?? []).map((c) => ({ type: c.type, message: c.message })) };
}

/** Read a canonical line for the inspector with the one line reader (older versions upgraded); null when it is not one. */
export function readLine(text: string | null): LineView | null {
  if (!text) return null;
  const reading = readCanonicalLine(text);
  if (!reading.ok) return null;
  const { line } = reading.read;
  const totals: Record<string, number | boolean> = { ...line.totals };
  const kept = line.agentCalls.length;
  return {
    schemaVersion: reading.read.schemaVersion,
    pipelineId: line.pipelineId,
    outcome: line.outcome,
    source: line.source,
    durationMs: line.durationMs,
    traceId: line.traceId,
    requestTraceId: line.requestTraceId,
    error: errorView(line.error),
    warnings: warningsView(line.warnings),
    agents: agentFigures(line.agents),
    calls: { kept, total: line.agentCallsTruncated ? line.agentCallsTruncated.total : Math.max(kept, line.totals.agentCalls) },
    totals,
    waterfall: lineWaterfall(reading.read),
    pretty: JSON.stringify(reading.read.raw, null, 2),
  };
}
