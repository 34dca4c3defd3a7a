import type { Worker } from 'node:worker_threads';
import { inCleanAsyncContext } from '@/lib/observability';
import { getPipelineSettings } from '@/lib/settings/pipelineSettings';
import { spawnStageWorker } from './spawnStageWorker';
import { stageWorkerResourceLimits } from './stageWorkerLimits';
import type { ToStageWorker } from './workerMessages';
import { processWide } from '@/lib/core/processWide';

/** Idle stage workers kept for the next runs, at most. */
export const MAX_IDLE_WORKERS = 2;

/** An idle worker ends after this long unused. */
export const IDLE_WORKER_MS = 60_000;

/**
 * A worker is kept for another run only when its run's dataset was at most this many cells (rows × variables): what a
 * big run leaves behind is freed at once by ending its thread, and a big run does not notice a worker's start-up.
 */
export const REUSE_MAX_CELLS = 2_000_000;

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
  onGone: () => void;
}

const idle = processWide('stageWorkers', (): Idle[] => []);

function idleWorkers(): Idle[] {
  return idle;
}

function forget(entry: Idle): void {
  const idle = idleWorkers();
  const at = idle.indexOf(entry);
  if (at >= 0) idle.splice(at, 1);
  clearTimeout(entry.timer);
  entry.worker.off('error', entry.onGone);
  entry.worker.off('exit', entry.onGone);
}

/**
 * A stage worker for a new run: an idle one when there is one, else a new one, with the V8 limits the input limits
 * call for (stageWorkerLimits.ts). Workers start in the process's clean async context, so a thread never holds on to the context (and the stores) of the run or request that started it.
 */
export function acquireStageWorker(): Worker {
  const entry = idleWorkers()[0];
  if (entry) {
    forget(entry);
    entry.worker.ref();
    return entry.worker;
  }
  const resourceLimits = stageWorkerResourceLimits(getPipelineSettings().limits);
  return inCleanAsyncContext(() => spawnStageWorker(resourceLimits));
}

/**
 * Hand back a run's worker: kept idle (its run's state dropped) when `reusable` and there is room, else ended.
 * Resolves once an ended worker has stopped.
 */
export async function releaseStageWorker(worker: Worker, reusable: boolean): Promise<void> {
  const idle = idleWorkers();
  if (!reusable || idle.length >= MAX_IDLE_WORKERS) {
    await worker.terminate();
    return;
  }
  worker.postMessage({ type: 'reset' } satisfies ToStageWorker);
  const entry: Idle = {
    worker,
    timer: setTimeout(() => {
      forget(entry);
      void worker.terminate();
    }, IDLE_WORKER_MS),
    // An idle worker that fails or exits is dropped (and its error never goes unhandled).
    onGone: () => forget(entry),
  };
  entry.timer.unref();
  worker.on('error', entry.onGone);
  worker.on('exit', entry.onGone);
  // An idle worker never keeps the process alive.
  worker.unref();
  idle.push(entry);
}

/** Where a run gets its worker and hands it back (the process's pool by default). */
export interface StageWorkerSource {
  acquire: () => Worker;
  release: (worker: Worker, reusable: boolean) => Promise<void>;
}

/** The process's pool of stage workers. */
export const stageWorkerPool: StageWorkerSource = { acquire: acquireStageWorker, release: releaseStageWorker };

/** End every idle worker (tests, shutdown). */
export async function endIdleStageWorkers(): Promise<void> {
  const idle = [...idleWorkers()];
  for (const entry of idle) forget(entry);
  await Promise.all(idle.map((entry) => entry.worker.terminate()));
}
