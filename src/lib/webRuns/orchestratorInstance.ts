import path from 'node:path';
import { registerRedactionRoot } from '@/lib/redaction';
import { getDistributedSettings } from '@/lib/settings/distributedSettings';
import { getWebSettings } from '@/lib/settings/webSettings';
import { getEventBus } from '@/lib/events/EventBus';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { getAppStore } from '@/lib/db/appStore';
import { processWide } from '@/lib/core/processWide';
import { PipelineOrchestrator } from './pipelineOrchestrator';
import type { WebRunOrchestrator } from './webRunOrchestrator';

const carrier = processWide('orchestrator', () => ({}) as { orchestrator?: Promise<WebRunOrchestrator> });

/** Build the orchestrator the settings call for: embedded (this process runs uploads) or distributed (workers do). */
async function build(): Promise<WebRunOrchestrator> {
  const store = await getAppStore();
  const env = getWebSettings();
  registerRedactionRoot(env.OUTPUT_ROOT);
  registerRedactionRoot(env.UPLOAD_ROOT);
  const { deployment, workerId } = getDistributedSettings();
  const common = { runPipeline, bus: getEventBus(), outputRoot: path.resolve(env.OUTPUT_ROOT) };
  if (deployment.mode === 'embedded') {
    return new PipelineOrchestrator({
      ...common,
      runs: store.runs,
      maxConcurrent: env.MAX_CONCURRENT_RUNS,
      memoryBudgetBytes: env.RUN_MEMORY_BUDGET_MB * 1024 * 1024,
    });
  }
  // Loaded only in the distributed mode: an embedded server never loads the queue library or the Redis client.
  const { openDistributedApp } = await import('./queue/openDistributed');
  return openDistributedApp({ ...common, store, redisUrl: deployment.redisUrl, workerId });
}

/** The process-wide orchestrator (one per process: Next.js may load this module twice), on the process's store. */
export function getOrchestrator(): Promise<WebRunOrchestrator> {
  if (!carrier.orchestrator) {
    const building = build();
    carrier.orchestrator = building;
    building.catch(() => {
      if (carrier.orchestrator === building) delete carrier.orchestrator;
    });
  }
  return carrier.orchestrator;
}

/** Stop this process's part of the runs (server shutdown); nothing to do when no orchestrator was ever built. */
export async function shutdownOrchestrator(graceMs: number): Promise<void> {
  const orchestrator = await carrier.orchestrator?.catch(() => undefined);
  await orchestrator?.shutdown(graceMs);
}

/** Forget the process orchestrator so the next use builds one from the current environment (tests). */
export function resetOrchestrator(): void {
  delete carrier.orchestrator;
}
