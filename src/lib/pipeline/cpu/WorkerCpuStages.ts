import type { Worker } from 'node:worker_threads';
import { PipelineCancelledError } from '@/lib/core/PipelineErrors';
import { errorMessage } from '@/lib/core/errorMessage';
import type { CpuCall, CpuStages, CrosstabRequest, ExportRequest, ValidatedInputs, ValidationInputs } from './CpuStages';
import { REUSE_MAX_CELLS, stageWorkerPool, type StageWorkerSource } from './stageWorkerPool';
import { getPipelineSettings } from '@/lib/settings/pipelineSettings';
import { StageWorkerError } from './StageWorkerError';
import { stageWorkerResourceLimits } from './stageWorkerLimits';
import { reviveError } from './transferredError';
import type { FromStageWorker, ToStageWorker } from './workerMessages';

/** How long a cancelled call may take to stop at its next checkpoint before the worker is terminated. */
export const CANCEL_GRACE_MS = 500;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Result<C extends CpuCall> = Awaited<ReturnType<CpuStages[C]>>;

/**
 * One run's CPU-bound stages in a worker thread (taken from the pool on the first call, handed back by `close()`), so
 * the calling thread only sends inputs and receives results. Cancelling the run's signal asks the worker to stop at its
 * next checkpoint, and terminates it if a call is still running after CANCEL_GRACE_MS (by default); a worker that crashes fails
 * the pending call with a StageWorkerError (an error of that stage), never a hung run.
 */
export class WorkerCpuStages implements CpuStages {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: StageWorkerError | null = null;
  private closed = false;
  private cells = 0;
  private graceTimer: NodeJS.Timeout | null = null;
  private readonly onAbort = () => this.cancel();
  private readonly listeners = {
    message: (message: FromStageWorker) => this.onMessage(message),
    error: (err: unknown) => this.fail(new StageWorkerError(describeCrash(err), { cause: err })),
    messageerror: (err: unknown) => this.fail(new StageWorkerError(`a message from the stage worker could not be read: ${errorMessage(err)}`, { cause: err })),
    exit: (code: number) => {
      this.worker = null;
      this.fail(new StageWorkerError(`the stage worker stopped unexpectedly (exit code ${code})`));
    },
  };

  constructor(
    private readonly signal: AbortSignal,
    private readonly workers: StageWorkerSource = stageWorkerPool,
    private readonly cancelGraceMs = CANCEL_GRACE_MS,
  ) {
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  async validate(inputs: ValidationInputs): Promise<ValidatedInputs> {
    const validated = await this.call('validate', [inputs]);
    this.cells = validated.dataset.rowCount * validated.dataset.variables.length;
    return validated;
  }

  buildDataMap() {
    return this.call('buildDataMap', []);
  }

  generateTables(...args: Parameters<CpuStages['generateTables']>) {
    return this.call('generateTables', args);
  }

  computeCrosstabs(request: CrosstabRequest) {
    return this.call('computeCrosstabs', [request]);
  }

  exportFiles(request: ExportRequest) {
    return this.call('exportFiles', [request]);
  }

  /** Hand the worker back: kept for another run only when this one ended cleanly on a small dataset. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signal.removeEventListener('abort', this.onAbort);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    const reusable = !this.signal.aborted && this.failure === null && this.pending.size === 0 && this.cells <= REUSE_MAX_CELLS;
    this.settleAll(new PipelineCancelledError());
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    for (const [event, listener] of Object.entries(this.listeners)) worker.off(event, listener);
    await this.workers.release(worker, reusable);
  }

  private call<C extends CpuCall>(call: C, args: unknown[]): Promise<Result<C>> {
    if (this.signal.aborted) return Promise.reject(new PipelineCancelledError());
    if (this.closed) return Promise.reject(new StageWorkerError('the stage worker was already handed back'));
    if (this.failure !== null) return Promise.reject(this.failure);
    let worker: Worker;
    try {
      worker = this.started();
    } catch (err) {
      return Promise.reject(new StageWorkerError(`the stage worker could not start: ${errorMessage(err)}`, { cause: err }));
    }
    return new Promise<Result<C>>((resolve, reject) => {
      const id = this.nextId++;
      try {
        worker.postMessage({ type: 'call', id, call, args } satisfies ToStageWorker);
      } catch (err) {
        reject(err);
        return;
      }
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // A worker with a call in flight keeps the process alive; an idle one never does.
      worker.ref();
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = this.workers.acquire();
    for (const [event, listener] of Object.entries(this.listeners)) worker.on(event, listener);
    this.worker = worker;
    return worker;
  }

  private onMessage(message: FromStageWorker): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (message.type === 'result') pending.resolve(message.value);
    else pending.reject(reviveError(message.error));
  }

  /** The worker is gone or unusable: every pending call fails (as cancelled, when the run was). */
  private fail(err: StageWorkerError): void {
    if (this.closed) return;
    this.failure ??= err;
    this.settleAll(this.signal.aborted ? new PipelineCancelledError() : this.failure);
  }

  private settleAll(err: unknown): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.reject(err);
  }

  /** The run was cancelled: ask the worker to stop; terminate it if a call is still running after the grace period. */
  private cancel(): void {
    const worker = this.worker;
    if (!worker || this.closed) return;
    worker.postMessage({ type: 'cancel' } satisfies ToStageWorker);
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      // Its pending calls end as cancelled once it has exited (the exit listener), not before: no write outlives the run.
      if (this.pending.size > 0 && this.worker === worker) void worker.terminate();
    }, this.cancelGraceMs);
    this.graceTimer.unref();
  }
}

function describeCrash(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    const heap = stageWorkerResourceLimits(getPipelineSettings().limits).maxOldGenerationSizeMb;
    return `the stage worker ran out of memory (its heap limit is ${heap} MiB, set from SAV_MAX_DECODED_MB)`;
  }
  return `the stage worker crashed: ${errorMessage(err)}`;
}
