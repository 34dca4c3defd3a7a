import type { StageStatus } from '@/lib/core/vocabulary';

/** A stage row's state: the line's statuses, the live record's `running`, and the stages a run has not (or never) reached. */
export type StageRowState = StageStatus | 'running' | 'pending' | 'not-run';

/** One agent call on the run's time axis. */
export interface CallBar {
  agent: string;
  task: string;
  model: string;
  status: string;
  /** Milliseconds from the run's start; null when the call's start is unknown. */
  startMs: number | null;
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

/** One stage on the run's time axis. */
export interface StageRow {
  name: string;
  state: StageRowState;
  /** Milliseconds from the run's start; null for a stage not started. */
  startMs: number | null;
  /** Null while running or not started. */
  durationMs: number | null;
  /** Result, reason or error, in a few words. */
  note?: string;
  calls: CallBar[];
}

/** Stages (and their agent calls) on one time axis of `spanMs` milliseconds. */
export interface Waterfall {
  rows: StageRow[];
  spanMs: number;
  /** Kept calls the line did not tie to a stage. */
  otherCalls: CallBar[];
  /** True when the line has no start offsets (schema 1–2): stages are laid end to end. */
  estimated: boolean;
}
