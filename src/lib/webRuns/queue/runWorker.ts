import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { errorMessage } from '@/lib/core/errorMessage';
import { operatorLog } from '@/lib/logging/operatorLog';
import { withProcessSpan, type RunLink } from '@/lib/observability';
import type { MemoryBudget } from '../memoryBudget';
import type { RunChannels } from './runChannels';
import { RUN_QUEUE_NAME, type RunJobData } from './runJob';

/** What one delivery of a run knows when it starts. */
export interface RunDelivery {
  signal: AbortSignal;
  /** The `queue.publish` span that sent the run (its `pipeline.run` root links to it). */
  publishedBy: RunLink | undefined;
  queueWaitMs: number;
  /** Called once the run is claimed in the store (queued → running) with its attempt: the worker then keeps its lease. */
  onStarted: (attempt: number) => void;
}

/** What a worker needs: how to start, run and end runs against the shared store. */
export interface RunWorkerDeps {
  connection: Redis;
  channels: RunChannels;
  workerId: string;
  concurrency: number;
  /** What the runs this worker holds may hold in memory together; a job waits (still queued in the store) for room. */
  memory?: MemoryBudget;
  /** What a run is expected to hold at its peak. */
  estimateMemory?: (job: RunJobData) => Promise<number>;
  /**
   * How long the worker holds a job and a run without renewing (RUN_LEASE_MS): BullMQ's job lock and the run's lease in
   * the store. A worker that dies (SIGKILL, out of memory, machine lost) lets both lapse: the job is then found stalled,
   * the run's lease expired, and the run is ended `error` (worker lost), never run twice.
   */
  leaseMs: number;
  /** Renew the run's lease; false when the run was ended elsewhere (then this delivery stops). */
  renewLease: (runId: string, attempt: number, leaseMs: number) => Promise<boolean>;
  /** Run it: the same execution as the embedded mode (claiming it queued → running, then its end on its attempt). */
  execute: (job: RunJobData, delivery: RunDelivery) => Promise<void>;
  /** Sweep the store for runs whose lease expired, ending each once (worker lost). */
  sweepLostRuns: () => Promise<number>;
}

/** A running worker: stop() takes no more jobs, cancels the runs it holds within `graceMs`, then closes. */
export interface RunWorker {
  stop(graceMs: number): Promise<void>;
  /** Runs this worker holds now. */
  activeRuns(): string[];
}

/** Start taking runs from the queue, `deps.concurrency` at a time. */
export function startRunWorker(deps: RunWorkerDeps): RunWorker {
  const active = new Map<string, AbortController>();

  // Cancels that arrived for a run before this worker held it (a job taken between the app's check and its message).
  const recentCancels = new Map<string, number>();
  const unsubscribeCancel = deps.channels.onCancel((runId) => {
    const controller = active.get(runId);
    if (controller) controller.abort();
    else recentCancels.set(runId, Date.now() + deps.leaseMs);
  });

  const processRun = async (job: Job<RunJobData>): Promise<void> => {
    const data = job.data;
    const controller = new AbortController();
    active.set(data.runId, controller);
    const cancelledEarly = recentCancels.get(data.runId);
    if (cancelledEarly !== undefined && cancelledEarly > Date.now()) controller.abort();
    recentCancels.delete(data.runId);
    let renew: NodeJS.Timeout | undefined;
    const bytes = deps.memory && deps.estimateMemory ? await deps.estimateMemory(data).catch(() => 0) : 0;
    const releaseMemory = deps.memory ? await deps.memory.take(bytes, controller.signal) : () => undefined;
    const onStarted = (attempt: number) => {
      renew = setInterval(() => {
        deps.renewLease(data.runId, attempt, deps.leaseMs).then(
          (kept) => {
            if (!kept) controller.abort();
          },
          (err: unknown) => operatorLog('worker', `renewing the lease of run ${data.runId} failed: ${errorMessage(err)}`),
        );
      }, deps.leaseMs / 3);
      renew.unref();
    };
    const receiveLatencyMs = Math.max(0, Date.now() - data.enqueuedAt);
    const message = { system: 'bullmq', destination: RUN_QUEUE_NAME, id: data.runId, bodySize: Buffer.byteLength(JSON.stringify(job.data)) };
    try {
      await withProcessSpan(message, data.trace, { receiveLatencyMs, retryCount: job.attemptsMade }, (publishedBy) =>
        deps.execute(data, { signal: controller.signal, publishedBy, queueWaitMs: receiveLatencyMs, onStarted }),
      );
    } finally {
      releaseMemory();
      if (renew) clearInterval(renew);
      active.delete(data.runId);
    }
  };

  const worker = new Worker<RunJobData>(RUN_QUEUE_NAME, processRun, {
    connection: deps.connection,
    concurrency: deps.concurrency,
    lockDuration: deps.leaseMs,
    stalledInterval: deps.leaseMs / 2,
    // A stalled run (its worker gone) is failed, not handed to another worker: runs cost model money.
    maxStalledCount: 0,
  });
  worker.on('error', (err) => operatorLog('worker', `queue error: ${errorMessage(err)}`));
  // A job found stalled (its worker gone) is failed; its run is ended once its lease has lapsed too.
  worker.on('stalled', () => void deps.sweepLostRuns().catch(() => undefined));
  worker.on('failed', (job, err) => {
    if (/stalled/i.test(err.message)) void deps.sweepLostRuns().catch(() => undefined);
  });

  const sweep = setInterval(() => {
    deps.sweepLostRuns().catch((err: unknown) => operatorLog('worker', `sweeping lost runs failed: ${errorMessage(err)}`));
  }, deps.leaseMs / 2);
  sweep.unref();

  return {
    activeRuns: () => [...active.keys()],
    async stop(graceMs: number) {
      clearInterval(sweep);
      unsubscribeCancel();
      // No new jobs; the runs held now are cancelled and given graceMs to end with their line and event.
      const closing = worker.close();
      for (const controller of active.values()) controller.abort();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closing, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      if (timer) clearTimeout(timer);
    },
  };
}
