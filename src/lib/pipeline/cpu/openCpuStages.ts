import { getPipelineSettings, type StageWorkersMode } from '@/lib/settings/pipelineSettings';
import type { CpuStages } from './CpuStages';
import { CpuStagesBySize } from './CpuStagesBySize';
import { RunComputation } from './RunComputation';
import { stageWorkerPool, type StageWorkerSource } from './stageWorkerPool';
import { WorkerCpuStages } from './WorkerCpuStages';

/**
 * With STAGE_WORKERS=auto, a .sav whose data decodes to at least this many bytes has its CPU-bound stages run in a worker
 * thread. The bundled examples (100–200 KB decoded) stay on the calling thread: their stages take ~50 ms there, less
 * than a thread's start-up.
 */
export const STAGE_WORKER_MIN_DECODED_BYTES = 1024 * 1024;

/** How openCpuStages decides (the process's settings and pool by default; tests pass their own). */
export interface CpuStagesChoice {
  mode?: StageWorkersMode;
  minDecodedBytes?: number;
  workers?: StageWorkerSource;
}

/** A run's CPU-bound stages, the same for the CLI and the web server: on a worker thread or this one, as STAGE_WORKERS says. */
export function openCpuStages(signal: AbortSignal, choice: CpuStagesChoice = {}): CpuStages {
  const { mode = getPipelineSettings().STAGE_WORKERS, minDecodedBytes = STAGE_WORKER_MIN_DECODED_BYTES, workers = stageWorkerPool } = choice;
  const inThread = () => new RunComputation(signal);
  const inWorker = () => new WorkerCpuStages(signal, workers);
  if (mode === 'never') return inThread();
  if (mode === 'always') return inWorker();
  return new CpuStagesBySize(minDecodedBytes, inThread, inWorker);
}
