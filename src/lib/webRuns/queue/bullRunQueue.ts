import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { withPublishSpan } from '@/lib/observability';
import { RUN_QUEUE_NAME, type RunJobData } from './runJob';

/** Job options of every run: one delivery (a lost run is not retried: runs cost model money), kept a while for inspection. */
const JOB_OPTIONS = { attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } } as const;

/**
 * The app side of the Redis queue: put a run on it (job id = run id, so a run is enqueued once however often it is
 * sent), and take back a run no worker has started. Sending happens in a `queue.publish` span whose trace the job carries.
 */
export class BullRunQueue {
  private readonly queue: Queue<RunJobData>;

  constructor(connection: Redis) {
    this.queue = new Queue<RunJobData>(RUN_QUEUE_NAME, { connection });
  }

  /** Enqueue a run (a second call with the same run id adds nothing). */
  async publish(job: Omit<RunJobData, 'trace' | 'enqueuedAt'>, now = Date.now()): Promise<void> {
    const bodySize = Buffer.byteLength(JSON.stringify(job));
    await withPublishSpan({ system: 'bullmq', destination: RUN_QUEUE_NAME, id: job.runId, bodySize }, async (trace) => {
      await this.queue.add('run', { ...job, trace, enqueuedAt: now }, { ...JOB_OPTIONS, jobId: job.runId });
    });
  }

  /** Remove a run that is still waiting for a worker; false when a worker has it (or it is gone). */
  async removeWaiting(runId: string): Promise<boolean> {
    const job = await this.queue.getJob(runId);
    if (!job) return false;
    const state = await job.getState();
    if (state !== 'waiting' && state !== 'delayed' && state !== 'prioritized') return false;
    // remove() refuses a job a worker has locked meanwhile: then it is running, and a cancel message reaches it.
    return job.remove().then(
      () => true,
      () => false,
    );
  }

  /** Close the queue's connection use (the connection itself is the caller's). */
  async close(): Promise<void> {
    await this.queue.close();
  }
}
