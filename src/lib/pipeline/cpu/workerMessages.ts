import type { CpuCall } from './CpuStages';
import type { TransferredError } from './transferredError';

/**
 * To a stage worker: run one call; cancel whatever its run is doing; or reset (drop the run's state: the worker is
 * kept for another run).
 */
export type ToStageWorker = { type: 'call'; id: number; call: CpuCall; args: unknown[] } | { type: 'cancel' } | { type: 'reset' };

/** From the stage worker to the run: a call's result or its error. */
export type FromStageWorker = { type: 'result'; id: number; value: unknown } | { type: 'error'; id: number; error: TransferredError };
