import type { RunRecord } from '@/lib/db/RunRecord';
import type { PipelineEvent } from '@/lib/events/EventBus';
import type { RunRequest } from './runRequest';

/** What `cancel()` did: took a run off its queue (it ended cancelled), asked the process running it to stop, or nothing. */
export type CancelResult = 'dequeued' | 'aborting' | 'not-active';

/**
 * The web path's orchestrator, the same to the routes in both modes: the embedded one runs uploads in this process
 * (PipelineOrchestrator), the distributed one hands them to workers through Redis (DistributedOrchestrator).
 */
export interface WebRunOrchestrator {
  /** Start a run whose record exists (status queued), in the background. Never rejects. */
  runPipelineFromUpload(req: RunRequest): Promise<RunRecord | null>;
  /** Cancel a run: a queued one ends cancelled at once (with its line and event); a running one is asked to stop. */
  cancel(runId: string): Promise<CancelResult>;
  /** Listen to every new record of one run (whichever process writes it); returns the unsubscribe function. */
  subscribe(runId: string, listener: (record: RunRecord) => void): () => void;
  /** Listen to one run's pipeline events (stages, agent calls, cost), whichever process runs it; returns the unsubscribe function. */
  subscribeEvents(runId: string, listener: (event: PipelineEvent) => void): () => void;
  /** Resolves once every record write this process asked for the run so far has landed. */
  settled(runId: string): Promise<void>;
  /** Stop this process's part: runs it runs end cancelled within `graceMs`; connections close. */
  shutdown(graceMs: number): Promise<void>;
}
