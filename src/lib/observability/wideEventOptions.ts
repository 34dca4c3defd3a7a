import type { LineSink } from './lineSink';
import type { SentryEventSender } from './sentryEventSender';
import type { WarningSink } from './warn';

/** Who and what a run is, plus injectable sinks (tests) and clock. */
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
  /** Where the canonical line goes (default: stdout). */
  sink?: LineSink;
  /** How the Sentry event is sent (default: the scopes of the run it is bound to, else the current ones). */
  sentry?: SentryEventSender;
  /** Where the module's own warnings go (default: stderr). */
  warn?: WarningSink;
  /** Epoch-ms clock (default Date.now). */
  clock?: () => number;
  /** Byte budget of the line (default WIDE_EVENT_BUDGET_BYTES). */
  budgetBytes?: number;
}

/** Facts only known when a run ends. */
export interface WideEventFinishDetails {
  /** The stage whose failure ended the run (default: the error's own `stage`, else the first stage that failed). */
  errorStage?: string;
  /** gen_ai spans of the run: calls seen and spans sent (when Sentry is on). */
  agentSpans?: { total: number; kept: number };
}
