import type { WarningSink } from '../warn';
import type { LineIdentity } from './lineParts';

/** Who and what a run is (the line's header), plus an injectable clock and warning sink (tests). */
export interface WideEventOptions extends LineIdentity {
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
