/**
 * The words this module speaks, its own (it depends on no app type): how a run ends, how a stage ends, and a stage as it
 * stands. The pipeline's types have the same shape, so its values pass straight in.
 */

/** How a run ended. */
export type RunOutcome = 'success' | 'error' | 'cancelled' | 'partial';

/** How a stage ended. */
export type StageStatus = 'ok' | 'error' | 'skipped' | 'cancelled';

/** One stage of a run as it stands now (running, or ended with a status). Times are offsets from the run's start. */
export interface StageState {
  name: string;
  status: 'running' | StageStatus;
  startOffsetMs: number;
  endOffsetMs?: number;
  durationMs?: number;
  error?: string;
  reason?: string;
  detail?: string;
}
