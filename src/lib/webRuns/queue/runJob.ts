import type { TraceHeaders } from '@/lib/observability';
import type { PipelineInputs } from '@/lib/pipeline/runOptions';
import type { UploadSummary } from '../runRequest';

/** The queue web runs travel through in the distributed mode (and the name its spans carry in both modes). */
export const RUN_QUEUE_NAME = 'crosstab-runs';

/** One run as a message on the queue: everything a worker needs to run it, and the trace of the request that sent it. */
export interface RunJobData {
  runId: string;
  orgId: string;
  userId: string;
  inputs: PipelineInputs;
  upload?: UploadSummary;
  /** The publishing request's `sentry-trace` and `baggage`: the worker's `queue.process` span continues that trace. */
  trace: TraceHeaders;
  /** When the run was put on the queue (epoch ms). */
  enqueuedAt: number;
}
