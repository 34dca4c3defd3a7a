import type { CpuStages } from './CpuStages';
import { WorkerCpuStages } from './WorkerCpuStages';

/** A run's CPU-bound stages, in a worker thread of the run's own (the same for the CLI and the web server). */
export function openCpuStages(signal: AbortSignal): CpuStages {
  return new WorkerCpuStages(signal);
}
