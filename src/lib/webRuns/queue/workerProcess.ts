import path from 'node:path';
import { errorMessage } from '@/lib/core/errorMessage';
import { openStore } from '@/lib/db/openStore';
import { getEventBus } from '@/lib/events/EventBus';
import { operatorLog } from '@/lib/logging/operatorLog';
import { captureCleanAsyncContext, endActiveRuns, flushObservability, initObservability, withoutSpans } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { registerRedactionRoot } from '@/lib/redaction';
import { getDistributedSettings } from '@/lib/settings/distributedSettings';
import { getModelSettings } from '@/lib/settings/modelSettings';
import { getObservabilitySettings } from '@/lib/settings/observabilitySettings';
import { getPipelineSettings } from '@/lib/settings/pipelineSettings';
import { getWebSettings } from '@/lib/settings/webSettings';
import { estimateRunMemory, MemoryBudget } from '../memoryBudget';
import { openRedis, sharedExecutor } from './openDistributed';
import { startRunWorker } from './runWorker';

/** Runs in hand get this long to end as cancelled (with their line and event) when the worker is stopped. */
const SHUTDOWN_GRACE_MS = 2000;
/** Then Sentry gets this long to deliver. */
const SHUTDOWN_FLUSH_MS = 2000;

/** The exit code of a worker stopped by a signal (128 + its number). */
const SIGNAL_EXIT: Record<string, number> = { SIGTERM: 143, SIGINT: 130 };

/**
 * `npm run worker`: take runs from the Redis queue and run them, MAX_CONCURRENT_RUNS at a time, on the shared store,
 * until SIGTERM or SIGINT (then: no new runs, the runs in hand cancelled within the grace period, each with its line
 * and event, nothing left running). Resolves with the process's exit code; settings that cannot run are exit 2.
 */
export async function runWorkerProcess(): Promise<number> {
  let settings;
  try {
    getObservabilitySettings();
    getPipelineSettings();
    getModelSettings();
    settings = { web: getWebSettings(), distributed: getDistributedSettings() };
  } catch (err) {
    operatorLog('worker', `cannot start: ${errorMessage(err)}`);
    return 2;
  }
  const { deployment, workerId, leaseMs } = settings.distributed;
  if (deployment.mode !== 'distributed') {
    operatorLog('worker', 'cannot start: a worker needs DATABASE_URL (postgres://…) and REDIS_URL (see the README, "Distributed mode")');
    return 2;
  }
  captureCleanAsyncContext();
  await initObservability();
  registerRedactionRoot(settings.web.OUTPUT_ROOT);
  registerRedactionRoot(settings.web.UPLOAD_ROOT);
  const store = await openStore({ kind: 'postgres', url: deployment.databaseUrl });
  const redis = openRedis(deployment.redisUrl);
  await redis.channels.ready();
  const outputRoot = path.resolve(settings.web.OUTPUT_ROOT);
  // The pipeline events of the runs this worker runs go to whichever app instance streams them.
  const stopForwarding = getEventBus().onAny((event) => void redis.channels.publishEvent(event));
  const executor = sharedExecutor({ store, redisUrl: deployment.redisUrl, workerId, runPipeline, bus: getEventBus(), outputRoot }, redis);

  const sweepLostRuns = async (): Promise<number> => {
    let ended = 0;
    for (const run of await withoutSpans(() => store.runs.expiredLeases(Date.now()))) if (await executor.endLost(run)) ended += 1;
    return ended;
  };
  const worker = startRunWorker({
    connection: redis.commands,
    channels: redis.channels,
    workerId,
    concurrency: settings.web.MAX_CONCURRENT_RUNS,
    memory: new MemoryBudget(settings.web.RUN_MEMORY_BUDGET_MB * 1024 * 1024),
    estimateMemory: (job) => estimateRunMemory(job.inputs.savPath),
    leaseMs,
    renewLease: (runId, attempt, leaseMs) => withoutSpans(() => store.runs.renewLease(runId, attempt, workerId, leaseMs, Date.now())),
    execute: async (job, delivery) => {
      const req = { runId: job.runId, orgId: job.orgId, userId: job.userId, inputs: job.inputs, ...(job.upload ? { upload: job.upload } : {}) };
      await executor.execute(
        req,
        { signal: delivery.signal, link: delivery.publishedBy, queueWaitMs: delivery.queueWaitMs, onStarted: delivery.onStarted },
        leaseMs,
      );
    },
    sweepLostRuns,
  });
  // Runs whose worker died while no worker was up are found at once, not a lease later.
  void sweepLostRuns().catch((err: unknown) => operatorLog('worker', `sweeping lost runs failed: ${errorMessage(err)}`));
  operatorLog('worker', `${workerId} takes runs from the queue, ${settings.web.MAX_CONCURRENT_RUNS} at a time`);

  const signal = await new Promise<string>((resolve) => {
    for (const s of Object.keys(SIGNAL_EXIT)) process.once(s, () => resolve(s));
  });
  operatorLog('worker', `${signal}: no new runs; cancelling ${worker.activeRuns().length} run(s) in hand`);
  await worker.stop(SHUTDOWN_GRACE_MS);
  // Runs that did not end by themselves within the grace period are ended now, each with its line and event.
  endActiveRuns('worker shutting down');
  await Promise.all(worker.activeRuns().map((runId) => executor.settled(runId)));
  await flushObservability(SHUTDOWN_FLUSH_MS);
  stopForwarding();
  await redis.close();
  await store.close();
  return SIGNAL_EXIT[signal] ?? 0;
}
