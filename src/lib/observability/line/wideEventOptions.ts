import type { WarningSink } from '../warn';
import type { RunWorker } from './canonicalSchema';

/** Who and what a run is, plus an injectable clock and warning sink (tests). */
export interface WideEventOptions {
  pipelineId: string;
  dataset: string;
  orgId?: string;
  userId?: string;
  source?: 'cli' | 'web';
  /** Trace id of the run's spans, when traced. */
  traceId?: string;
  /** Trace id of the request that asked for the run (web runs). */
  requestTraceId?: string;
  /** Web runs: which delivery of the run, the process that ran it, and how long it waited in its queue. */
  attempt?: number;
  worker?: RunWorker;
  queueWaitMs?: number;
  /** Where the module's own warnings go (default: the operator log). */
  warn?: WarningSink;
  /** Epoch-ms clock (default Date.now). */
  clock?: () => number;
  /** Byte budget of the line (default WIDE_EVENT_BUDGET_BYTES). */
  budgetBytes?: number;
}

/** Facts only known when a run ends. */
export interface WideEventFinishDetails {
  /** The stage whose failure ended the run (decided with the outcome: see decideRunEnd). */
  failedStage?: string;
  /** gen_ai spans of the run: calls seen and spans sent (when Sentry is on). */
  agentSpans?: { total: number; kept: number };
}
