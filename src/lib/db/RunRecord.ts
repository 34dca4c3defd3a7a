import type { RunOutcome, StageName, StageStatus } from '@/lib/core/types';

/** Lifecycle status of a run record. */
export type RunStatus = 'queued' | 'running' | 'success' | 'error' | 'cancelled';

/** Statuses a run never leaves. */
export const FINISHED_STATUSES: readonly RunStatus[] = ['success', 'error', 'cancelled'];

/** Progress of one stage as shown to the user. */
export interface RunStageState {
  name: StageName;
  status: 'running' | StageStatus;
  /** Milliseconds from the run's start to the stage's start (records written before it was kept lack it). */
  startOffsetMs?: number;
  durationMs?: number;
  detail?: string;
}

/** One run as stored in the database. */
export interface RunRecord {
  id: string;
  orgId: string;
  userId: string;
  dataset: string;
  inputKind: 'upload' | 'example';
  inputDir: string | null;
  status: RunStatus;
  outcome: RunOutcome | null;
  stage: string | null;
  /** 0..1 */
  progress: number;
  stages: RunStageState[];
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  tableCount: number | null;
  outputDir: string | null;
  workbookPath: string | null;
  tablesPath: string | null;
  error: { type: string; message: string; stage: string | null } | null;
  canonicalLine: string | null;
  /** How many times a worker has started the run (0 until it first starts through RunStore.startAttempt). */
  attempt: number;
  /** Who runs the current attempt (distributed mode), or null. */
  worker: string | null;
  /** Epoch ms until which the current attempt's worker holds the run (distributed mode), or null. */
  leaseExpiresAt: number | null;
}
