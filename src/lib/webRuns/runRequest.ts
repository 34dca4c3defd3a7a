import type { Breadcrumb } from '@sentry/core';
import type { PipelineInputs } from '@/lib/pipeline/runOptions';

/** What was uploaded to start a run (no personal data: counts and the dataset name). */
export interface UploadSummary {
  dataset: string;
  fileCount: number;
  bytes: number;
  kind: 'upload' | 'example';
  /** When the upload arrived (epoch ms): its breadcrumb carries this time, not the (later) start of a queued run. */
  receivedAt: number;
}

/** One web run to start. */
export interface RunRequest {
  runId: string;
  orgId: string;
  userId: string;
  inputs: PipelineInputs;
  /** Aborting it cancels the run (in addition to `cancel(runId)`). */
  signal?: AbortSignal;
  /** The upload that asked for the run: its breadcrumb is the run's first. */
  upload?: UploadSummary;
}

/** The upload's breadcrumb, the first of its run's, stamped when the upload arrived. */
export function uploadBreadcrumb(upload: UploadSummary): Breadcrumb {
  const { receivedAt, ...data } = upload;
  return { category: 'upload', level: 'info', message: 'UploadHandler: execution', timestamp: receivedAt / 1000, data };
}
