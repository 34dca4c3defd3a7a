import path from 'node:path';
import { redactText, registerRedactionRoot } from '@/lib/redaction';
import { getWebSettings } from '@/lib/settings/webSettings';
import { getEventBus } from '@/lib/events/EventBus';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { getAppDatabase } from '@/lib/db/appDatabase';
import type { RunRecord } from '@/lib/db/RunRecord';
import { RunOrchestrator, type CancelResult, type RunRequest } from './runOrchestrator';
import { errorMessage } from '@/lib/core/errorMessage';
import { operatorLog } from '@/lib/logging/operatorLog';

const carrier = globalThis as typeof globalThis & { __crosstabOrchestrator?: RunOrchestrator };

/** The process-wide orchestrator (on globalThis because Next.js may load this module twice). */
export function getOrchestrator(): RunOrchestrator {
  if (!carrier.__crosstabOrchestrator) {
    const env = getWebSettings();
    registerRedactionRoot(env.OUTPUT_ROOT);
    registerRedactionRoot(env.UPLOAD_ROOT);
    carrier.__crosstabOrchestrator = new RunOrchestrator({
      runPipeline,
      runs: getAppDatabase().runs,
      bus: getEventBus(),
      maxConcurrent: env.MAX_CONCURRENT_RUNS,
      outputRoot: path.resolve(env.OUTPUT_ROOT),
    });
  }
  return carrier.__crosstabOrchestrator;
}

/**
 * Run the pipeline for a stored upload (or example) in the background: waits for a slot under
 * MAX_CONCURRENT_RUNS, runs, and keeps the run record current. Resolves with the final record and
 * never rejects, so callers may fire and forget.
 */
export function runPipelineFromUpload(params: RunRequest): Promise<RunRecord | null> {
  return getOrchestrator()
    .run(params)
    .catch((err: unknown) => {
      operatorLog('orchestrator', `run ${params.runId} failed outside the pipeline: ${redactText(errorMessage(err))}`);
      return null;
    });
}

/** Cancel a queued or running run of this process. */
export function cancelRun(runId: string): CancelResult {
  return getOrchestrator().cancel(runId);
}

/** Stop every run of this process (server shutdown); nothing to do when no run was ever started. */
export async function shutdownOrchestrator(graceMs: number): Promise<void> {
  await carrier.__crosstabOrchestrator?.shutdown(graceMs);
}

/** Forget the process orchestrator so the next use builds one from the current environment (tests). */
export function resetOrchestrator(): void {
  delete carrier.__crosstabOrchestrator;
}
