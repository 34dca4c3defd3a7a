import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { errorMessage } from '@/lib/core/errorMessage';
import { operatorLog } from '@/lib/logging/operatorLog';
import { withProcessSpan, type RunLink } from '@/lib/observability';
import type { RunChannels } from './runChannels';
import { RUN_QUEUE_NAME, type RunJobData } from './runJob';

/**
 * How long a worker holds a job and a run without renewing: BullMQ's job lock and the run's lease in the store. A worker
 * that dies (SIGKILL, out of memory, machine lost) lets both lapse: the job is then found stalled and the run's lease
 * expired, and the run is ended `error` (worker lost), never run twice.
 */
export const LEASE_MS = 30_000;

/** What one delivery of a run knows when it starts. */
export interface RunDelivery {
  attempt: number;
  signal: AbortSignal;
  /** The `queue.publish` span that sent the run (its `pipeline.run` root links to it). */
  publishedBy: RunLink | undefined;
  queueWaitMs: number;
}

/** What a worker needs: how to start, run and end runs against the shared store. */
export interface RunWorkerDeps {
  connection: Redis;
  channels: RunChannels;
  workerId: string;
  concurrency: number;
  /** Claim the run in the store (queued → running, attempt + 1, lease); null when it is not queued anymore. */
  startAttempt: (runId: string, leaseMs: number) => Promise<number | null>;
  /** Renew the run's lease; false when the run was ended elsewhere (then this delivery stops). */
  renewLease: (runId: string, attempt: number, leaseMs: number) => Promise<boolean>;
  /** Run it: the same execution as the embedded mode, its line and event claimed on (run id, attempt). */
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
  const unsubscribeCancel = deps.channels.onCancel((runId) => active.get(runId)?.abort());

  const processRun = async (job: Job<RunJobData>): Promise<void> => {
    const data = job.data;
    const attempt = await deps.startAttempt(data.runId, LEASE_MS);
    if (attempt === null) return; // cancelled or ended before a worker took it: nothing to run, nothing to report
    const controller = new AbortController();
    active.set(data.runId, controller);
    const renew = setInterval(() => {
      deps.renewLease(data.runId, attempt, LEASE_MS).then(
        (kept) => {
          if (!kept) controller.abort();
        },
        (err: unknown) => operatorLog('worker', `renewing the lease of run ${data.runId} failed: ${errorMessage(err)}`),
      );
    }, LEASE_MS / 3);
    renew.unref();
    const receiveLatencyMs = Date.now() - data.enqueuedAt;
    const message = { system: 'bullmq', destination: RUN_QUEUE_NAME, id: data.runId, bodySize: Buffer.byteLength(JSON.stringify(job.data)) };
    try {
      await withProcessSpan(message, data.trace, { receiveLatencyMs, retryCount: job.attemptsMade }, (publishedBy) =>
        deps.execute(data, { attempt, signal: controller.signal, publishedBy, queueWaitMs: receiveLatencyMs }),
      );
    } finally {
      clearInterval(renew);
      active.delete(data.runId);
    }
  };

  const worker = new Worker<RunJobData>(RUN_QUEUE_NAME, processRun, {
    connection: deps.connection,
    concurrency: deps.concurrency,
    lockDuration: LEASE_MS,
    stalledInterval: LEASE_MS / 2,
    // A stalled run (its worker gone) is failed, not handed to another worker: runs cost model money.
    maxStalledCount: 0,
  });
  worker.on('error', (err) => operatorLog('worker', `queue error: ${errorMessage(err)}`));
  worker.on('failed', (job, err) => {
    if (job && /stalled/i.test(err.message)) void deps.sweepLostRuns().catch(() => undefined);
  });

  const sweep = setInterval(() => {
    deps.sweepLostRuns().catch((err: unknown) => operatorLog('worker', `sweeping lost runs failed: ${errorMessage(err)}`));
  }, LEASE_MS / 2);
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
