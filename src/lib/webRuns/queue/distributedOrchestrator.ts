import type { RunStore } from '@/lib/db/runStore';
import type { RunRecord } from '@/lib/db/RunRecord';
import type { PipelineEvent } from '@/lib/events/EventBus';
import { errorMessage } from '@/lib/core/errorMessage';
import { operatorLog } from '@/lib/logging/operatorLog';
import { redactText } from '@/lib/redaction';
import { requestOf } from '../pipelineOrchestrator';
import type { RunExecutor } from '../runExecutor';
import type { RunRequest } from '../runRequest';
import type { CancelResult, WebRunOrchestrator } from '../webRunOrchestrator';
import type { BullRunQueue } from './bullRunQueue';
import type { RunChannels } from './runChannels';

/** What an app instance of the distributed mode needs. */
export interface DistributedOrchestratorDeps {
  runs: RunStore;
  queue: BullRunQueue;
  channels: RunChannels;
  /** Ends runs taken off the queue before a worker started them (their line and event, claimed on attempt 0). */
  executor: RunExecutor;
  /** Closes the instance's Redis connections. */
  close: () => Promise<void>;
}

/**
 * The app side of the distributed mode: uploads go on the Redis queue (job id = run id) for `npm run worker` processes
 * to run; any instance can cancel any run (a waiting one is taken off the queue and ended here, a running one is told to
 * stop through Redis) and stream any run's progress (workers announce every record change through Redis; the record is
 * read from the shared store).
 */
export class DistributedOrchestrator implements WebRunOrchestrator {
  constructor(private readonly deps: DistributedOrchestratorDeps) {}

  /** Put the run on the queue; resolves with its record (still queued). Never rejects: a run that cannot be queued ends `error`. */
  async runPipelineFromUpload(req: RunRequest): Promise<RunRecord | null> {
    try {
      await this.deps.queue.publish({
        runId: req.runId,
        orgId: req.orgId,
        userId: req.userId,
        inputs: req.inputs,
        ...(req.upload ? { upload: req.upload } : {}),
      });
    } catch (err) {
      operatorLog('orchestrator', `run ${req.runId} could not be queued: ${redactText(errorMessage(err))}`);
      await this.deps.runs
        .finishAttempt(req.runId, 0, {
          status: 'error',
          outcome: 'error',
          finishedAt: Date.now(),
          error: { type: 'QueueUnavailable', message: 'the run could not be put on the queue', stage: null },
        })
        .catch(() => null);
    }
    return this.deps.runs.getById(req.runId).catch(() => null);
  }

  /** Cancel from any instance: off the queue and ended here when no worker has it, else a stop message to its worker. */
  async cancel(runId: string): Promise<CancelResult> {
    if (await this.deps.queue.removeWaiting(runId)) {
      const record = await this.deps.runs.getById(runId);
      if (record) await this.deps.executor.finishUnstarted(requestOf(record), record.attempt, 'cancelled while queued');
      return 'dequeued';
    }
    const record = await this.deps.runs.getById(runId);
    if (!record || (record.status !== 'running' && record.status !== 'queued')) return 'not-active';
    await this.deps.channels.publishCancel(runId);
    return 'aborting';
  }

  /** Every new record of the run, whichever worker writes it (announced through Redis, read from the store). */
  subscribe(runId: string, listener: (record: RunRecord) => void): () => void {
    void this.deps.channels.ready();
    return this.deps.channels.onUpdate((changed) => {
      if (changed !== runId) return;
      this.deps.runs.getById(runId).then(
        (record) => {
          if (record) listener(record);
        },
        () => undefined,
      );
    });
  }

  /** The run's pipeline events, sent by the worker that runs it on the run's own Redis channel. */
  subscribeEvents(runId: string, listener: (event: PipelineEvent) => void): () => void {
    return this.deps.channels.onEvents(runId, listener);
  }

  /** Resolves once this instance's writes for the run (a cancel's) have landed. */
  settled(runId: string): Promise<void> {
    return this.deps.executor.settled(runId);
  }

  /** An app instance runs no run: nothing to cancel; its connections close. */
  async shutdown(): Promise<void> {
    await this.deps.queue.close().catch(() => undefined);
    await this.deps.close();
  }
}
