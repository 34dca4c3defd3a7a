import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { errorMessage } from '@/lib/core/errorMessage';
import type { RunRecord } from '@/lib/db/RunRecord';
import type { EventBus, PipelineEvent } from '@/lib/events/EventBus';
import { operatorLog } from '@/lib/logging/operatorLog';
import { endActiveRuns, inCleanAsyncContext, withProcessSpan, withPublishSpan } from '@/lib/observability';
import { redactText } from '@/lib/redaction';
import { RUN_QUEUE_NAME } from './queue/runJob';
import { estimateRunMemory, MemoryBudget } from './memoryBudget';
import { RunExecutor, type RunExecutorDeps } from './runExecutor';
import { RunQueue } from './runQueue';
import type { RunRequest } from './runRequest';
import type { CancelResult, WebRunOrchestrator } from './webRunOrchestrator';

export type { RunPipelineFn } from './runExecutor';
export type { CancelResult } from './webRunOrchestrator';

/** What the embedded orchestrator needs (the executor's needs, and how many runs may execute at once). */
export interface OrchestratorDeps extends Omit<RunExecutorDeps, 'onRecord' | 'worker'> {
  maxConcurrent: number;
  /** What the runs executing at once may hold together (RUN_MEMORY_BUDGET_MB); unset: no budget, only `maxConcurrent`. */
  memoryBudgetBytes?: number;
  /** What a run is expected to hold at its peak (default: from its .sav's decoded size). */
  estimateMemory?: (req: RunRequest) => Promise<number>;
  /** This process as run records and lines name it (default: host name and process id). */
  worker?: RunExecutorDeps['worker'];
}

/** A run's lease in the embedded mode: one process owns the store, so nothing sweeps leases; it only records the start. */
const EMBEDDED_LEASE_MS = 60_000;

/**
 * The embedded mode's orchestrator: uploads wait in an in-memory queue (at most `maxConcurrent` running, the rest
 * `queued`) and run in this process through the same RunExecutor a worker uses; one AbortController per run for
 * cancel; subscribers get every new record. The queue is a queue in Sentry's terms too: the upload request makes a
 * `queue.publish` span, the run a `queue.process` span continuing it.
 */
export class PipelineOrchestrator implements WebRunOrchestrator {
  private readonly queue: RunQueue;
  private readonly controllers = new Map<string, AbortController>();
  /** Runs taken off the queue by cancel(), while their end is being written. */
  private readonly endings = new Map<string, Promise<void>>();
  private readonly updates = new EventEmitter();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly executor: RunExecutor;
  private readonly bus: EventBus;
  private readonly estimateMemory: (req: RunRequest) => Promise<number>;
  private readonly now: () => number;

  constructor(deps: OrchestratorDeps) {
    this.queue = new RunQueue(deps.maxConcurrent, deps.memoryBudgetBytes === undefined ? undefined : new MemoryBudget(deps.memoryBudgetBytes));
    this.estimateMemory = deps.estimateMemory ?? ((req) => estimateRunMemory(req.inputs.savPath));
    this.now = deps.now ?? Date.now;
    this.bus = deps.bus;
    this.updates.setMaxListeners(0);
    const worker = deps.worker ?? { id: `${hostname()}:${process.pid}`, host: hostname(), pid: process.pid };
    this.executor = new RunExecutor({ ...deps, worker, onRecord: (record) => this.updates.emit(record.id, record) });
  }

  /**
   * The plan's entry of the web path: queue a run whose record already exists (status queued), run it in the background
   * and resolve with its final record once it has ended. Never rejects, so callers may fire and forget. Every run ends
   * with exactly one canonical line and Sentry event, whether it ran, failed to start, or was cancelled in the queue.
   */
  runPipelineFromUpload(req: RunRequest): Promise<RunRecord | null> {
    const done = this.runToEnd(req).catch((err: unknown) => {
      operatorLog('orchestrator', `run ${req.runId} failed outside the pipeline: ${redactText(errorMessage(err))}`);
      return null;
    });
    this.inflight.add(done);
    void done.finally(() => this.inflight.delete(done));
    return done;
  }

  private async runToEnd(req: RunRequest): Promise<RunRecord | null> {
    const controller = new AbortController();
    this.controllers.set(req.runId, controller);
    const onExternalAbort = () => void this.cancel(req.runId);
    if (req.signal?.aborted) controller.abort();
    req.signal?.addEventListener('abort', onExternalAbort, { once: true });
    const enqueuedAt = this.now();
    const bytes = this.estimateMemory(req).catch(() => 0);
    const message = { system: 'memory', destination: RUN_QUEUE_NAME, id: req.runId, bodySize: Buffer.byteLength(JSON.stringify(req.inputs)) };
    try {
      // Published in the request that asked for the run; processed from a clean context, continuing that trace.
      await withPublishSpan(message, (headers) =>
        this.queue.enqueue(
          req.runId,
          () =>
            inCleanAsyncContext(() => {
              const receiveLatencyMs = this.now() - enqueuedAt;
              return withProcessSpan(message, headers, { receiveLatencyMs, retryCount: 0 }, async (publishedBy) => {
                const delivery = { signal: controller.signal, link: publishedBy, queueWaitMs: receiveLatencyMs };
                if (controller.signal.aborted) await this.executor.finishUnstarted(req, 0, 'cancelled before it started', publishedBy);
                else await this.executor.execute(req, delivery, EMBEDDED_LEASE_MS);
              });
            }),
          bytes,
        ),
      );
    } finally {
      req.signal?.removeEventListener('abort', onExternalAbort);
      this.controllers.delete(req.runId);
    }
    await this.endings.get(req.runId);
    this.endings.delete(req.runId);
    await this.executor.settled(req.runId);
    return this.safeGet(req.runId);
  }

  /**
   * Stop every run of this process (server shutdown): queued runs are cancelled at once, running ones are aborted and
   * given `graceMs` to end with their own line and event; any still going then are ended as cancelled. Resolves once
   * every run has ended.
   */
  async shutdown(graceMs: number): Promise<void> {
    await Promise.all([...this.controllers.keys()].map((runId) => this.cancel(runId)));
    const all = Promise.allSettled([...this.inflight]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ended = await Promise.race([all.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
    if (timer) clearTimeout(timer);
    if (!ended) endActiveRuns('server shutting down');
    await Promise.all(this.queue.runningIds().map((runId) => this.executor.settled(runId)));
  }

  /** Cancel a run: a queued run is dropped and ends cancelled at once (its line and event); a running one is aborted. */
  async cancel(runId: string): Promise<CancelResult> {
    if (this.queue.remove(runId)) {
      this.controllers.get(runId)?.abort();
      const ending = this.safeGet(runId).then(async (record) => {
        if (record) await this.executor.finishUnstarted(requestOf(record), 0, 'cancelled while queued');
      });
      this.endings.set(runId, ending);
      await ending;
      return 'dequeued';
    }
    const controller = this.controllers.get(runId);
    if (!controller || controller.signal.aborted) return 'not-active';
    controller.abort();
    return 'aborting';
  }

  /** Resolves once every record write asked for the run so far has landed (e.g. the cancel's, before answering). */
  settled(runId: string): Promise<void> {
    return this.executor.settled(runId);
  }

  /** Ids of the runs executing now. */
  runningIds(): string[] {
    return this.queue.runningIds();
  }

  /** Listen to every change of one run's record; returns the unsubscribe function. */
  subscribe(runId: string, listener: (record: RunRecord) => void): () => void {
    this.updates.on(runId, listener);
    return () => this.updates.off(runId, listener);
  }

  /** The run's pipeline events, published on this process's bus (the run executes here). */
  subscribeEvents(runId: string, listener: (event: PipelineEvent) => void): () => void {
    return this.bus.onAny(listener, runId);
  }

  private async safeGet(runId: string): Promise<RunRecord | null> {
    try {
      return await this.executor.record(runId);
    } catch {
      return null;
    }
  }
}

/** The request of a stored run (for ending it before it ran: its line names its dataset, org and user). */
export function requestOf(record: RunRecord): RunRequest {
  return { runId: record.id, orgId: record.orgId, userId: record.userId, inputs: { datasetName: record.dataset, savPath: '' } };
}
