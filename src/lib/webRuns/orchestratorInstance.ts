import path from 'node:path';
import { registerRedactionRoot } from '@/lib/redaction';
import { getWebSettings } from '@/lib/settings/webSettings';
import { getEventBus } from '@/lib/events/EventBus';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { getAppStore } from '@/lib/db/appStore';
import { PipelineOrchestrator } from './pipelineOrchestrator';
import { processWide } from '@/lib/core/processWide';

const carrier = processWide('orchestrator', () => ({}) as { orchestrator?: PipelineOrchestrator });

/** The process-wide orchestrator (on globalThis because Next.js may load this module twice), on the process's store. */
export async function getOrchestrator(): Promise<PipelineOrchestrator> {
  if (!carrier.orchestrator) {
    const { runs } = await getAppStore();
    // Another caller may have built it while the store was opening.
    if (carrier.orchestrator) return carrier.orchestrator;
    const env = getWebSettings();
    registerRedactionRoot(env.OUTPUT_ROOT);
    registerRedactionRoot(env.UPLOAD_ROOT);
    carrier.orchestrator = new PipelineOrchestrator({
      runPipeline,
      runs,
      bus: getEventBus(),
      maxConcurrent: env.MAX_CONCURRENT_RUNS,
      outputRoot: path.resolve(env.OUTPUT_ROOT),
    });
  }
  return carrier.orchestrator;
}

/** Stop every run of this process (server shutdown); nothing to do when no run was ever started. */
export async function shutdownOrchestrator(graceMs: number): Promise<void> {
  await carrier.orchestrator?.shutdown(graceMs);
}

/** Forget the process orchestrator so the next use builds one from the current environment (tests). */
export function resetOrchestrator(): void {
  delete carrier.orchestrator;
}
