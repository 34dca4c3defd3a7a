import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type AppStore } from '@/lib/db/openStore';
import { FINISHED_STATUSES, type RunRecord } from '@/lib/db/RunRecord';
import { getEventBus } from '@/lib/events/EventBus';
import { memoryLineSink } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import type { DistributedOrchestrator } from '@/lib/webRuns/queue/distributedOrchestrator';
import { openDistributedApp } from '@/lib/webRuns/queue/openDistributed';
import { changes, within } from '../../support/deadline';
import type { Engine } from '../../support/engines';

const REPO = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(REPO, 'examples');

/** An app instance of the distributed mode, in this process: its own store pool and Redis connections. */
export interface App {
  name: string;
  orchestrator: DistributedOrchestrator;
  store: AppStore;
  /** Canonical lines this instance emitted (runs it ended: cancelled while queued). */
  lines: string[];
  close(): Promise<void>;
}

/** A worker process (`scripts/worker.ts`, as `npm run worker` starts it). */
export interface WorkerProc {
  id: string;
  child: ChildProcess;
  /** Canonical lines it printed. */
  lines(): string[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The shared parts every process of a test cluster uses. */
export interface Shared {
  pg: Engine;
  redis: Engine;
  outputRoot: string;
  sentryDsn: string;
}

/** Start an app instance on the shared store and Redis. */
export async function openApp(shared: Shared, name: string): Promise<App> {
  const store = await openStore({ kind: 'postgres', url: shared.pg.url });
  const { sink, lines } = memoryLineSink();
  const orchestrator = await openDistributedApp({
    store,
    redisUrl: shared.redis.url,
    workerId: name,
    runPipeline,
    bus: getEventBus(),
    outputRoot: shared.outputRoot,
    lineSink: sink,
  });
  return {
    name,
    orchestrator,
    store,
    lines,
    close: async () => {
      await orchestrator.shutdown();
      await store.close();
    },
  };
}

/** Start `npm run worker` with the shared settings (and `env` on top), and wait until it takes runs. */
export async function startWorker(shared: Shared, id: string, env: Record<string, string> = {}): Promise<WorkerProc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: shared.pg.url,
      REDIS_URL: shared.redis.url,
      WORKER_ID: id,
      OUTPUT_ROOT: shared.outputRoot,
      UPLOAD_ROOT: path.join(shared.outputRoot, 'uploads'),
      SENTRY_DSN: shared.sentryDsn,
      SENTRY_TRACES_SAMPLE_RATE: '1',
      RUN_LEASE_MS: '3000',
      MAX_CONCURRENT_RUNS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const ready = changes();
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    ready.changed();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await ready.until(() => stderr.includes('takes runs from the queue'), `worker ${id} ready (${stderr.slice(-500)})`, 60_000);
  return {
    id,
    child,
    lines: () => stdout.split('\n').filter((l) => l.startsWith('{')),
    stderr: () => stderr,
    exited,
  };
}

/** A fresh folder for a cluster's outputs. */
export function outputFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'crosstab-cluster-'));
}

/** Create a run's record and hand it to `app` (an upload of a bundled example). */
export async function submit(app: App, runId: string, orgId: string, example = 'employee-pulse'): Promise<void> {
  await app.store.runs.create({ id: runId, orgId, userId: `user-${orgId}`, dataset: example, inputKind: 'example', inputDir: null });
  await app.orchestrator.runPipelineFromUpload({
    runId,
    orgId,
    userId: `user-${orgId}`,
    inputs: { datasetName: example, savPath: path.join(EXAMPLES, example, `${example}.sav`) },
    upload: { dataset: example, fileCount: 1, bytes: 0, kind: 'example', receivedAt: Date.now() },
  });
}

/** Resolve with the run's record once `check` holds for it (told by the app's subscription to the run's changes). */
export function waitForRecord(app: App, runId: string, check: (r: RunRecord) => boolean, what: string, ms = 60_000): Promise<RunRecord> {
  let unsubscribe = (): void => undefined;
  const reached = new Promise<RunRecord>((resolve) => {
    const consider = (record: RunRecord | null) => {
      if (record && check(record)) resolve(record);
    };
    unsubscribe = app.orchestrator.subscribe(runId, consider);
    void app.store.runs.getById(runId).then(consider);
  });
  return within(reached, `${what} (run ${runId})`, ms).finally(() => unsubscribe());
}

/** Resolve once the run has ended (whichever process ended it). */
export function waitForEnd(app: App, runId: string, ms?: number): Promise<RunRecord> {
  return waitForRecord(app, runId, (r) => FINISHED_STATUSES.includes(r.status), 'the run ended', ms);
}
