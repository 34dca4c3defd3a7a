/**
 * Queue benchmark: `npm run bench:queue` (needs Debian's postgresql and redis-server; they are started in temp folders).
 * Prints, for the bundled employee-pulse example run through the distributed mode (one app instance in this process,
 * `npm run worker` processes):
 *   - enqueue-to-start latency of an idle worker (p50/p95 over 20 runs, from the runs' own `queueWaitMs`);
 *   - one run, upload to end, distributed against embedded (medians of 5);
 *   - a burst of 40 runs with 1 and with 2 workers: runs per minute and their ratio, and what 2 workers would give
 *     with a core each (from the CPU time one run costs a worker).
 * Writes the figures to outputs/bench/queue-<time>.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '@/lib/db/openStore';
import { getEventBus } from '@/lib/events/EventBus';
import { memoryLineSink, type CanonicalLine } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { PipelineOrchestrator } from '@/lib/webRuns/pipelineOrchestrator';
import { startPostgres, startRedis } from '../tests/support/engines';
import { openApp, outputFolder, startWorker, submit, waitForEnd, type App, type Shared, type WorkerProc } from '../tests/webRuns/distributed/cluster';

const EXAMPLE = 'employee-pulse';
const SAV = path.resolve(__dirname, '..', 'examples', EXAMPLE, `${EXAMPLE}.sav`);
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${counter++}`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const median = (values: number[]) => percentile(values, 50);

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function runOnce(app: App, prefix: string): Promise<{ ms: number; id: string }> {
  const id = nextId(prefix);
  const t = performance.now();
  await submit(app, id, 'bench');
  await waitForEnd(app, id, 120_000);
  return { ms: performance.now() - t, id };
}

async function burst(app: App, n: number): Promise<number> {
  const ids = Array.from({ length: n }, () => nextId('burst'));
  const t = performance.now();
  await Promise.all(ids.map((id) => submit(app, id, 'bench')));
  await Promise.all(ids.map((id) => waitForEnd(app, id, 600_000)));
  return (n / (performance.now() - t)) * 60_000;
}

async function embeddedRunMs(): Promise<number[]> {
  const store = await openStore({ kind: 'sqlite', file: path.join(outputFolder(), 'bench.db') });
  const orchestrator = new PipelineOrchestrator({
    runPipeline,
    runs: store.runs,
    bus: getEventBus(),
    maxConcurrent: 1,
    outputRoot: outputFolder(),
    lineSink: memoryLineSink().sink,
  });
  const times: number[] = [];
  for (let i = 0; i < 6; i += 1) {
    const id = nextId('embedded');
    await store.runs.create({ id, orgId: 'bench', userId: 'user-bench', dataset: EXAMPLE, inputKind: 'example', inputDir: null });
    const t = performance.now();
    await orchestrator.runPipelineFromUpload({ runId: id, orgId: 'bench', userId: 'user-bench', inputs: { datasetName: EXAMPLE, savPath: SAV } });
    if (i > 0) times.push(performance.now() - t); // the first run pays the process's warm-up
  }
  await store.close();
  return times;
}

async function main(): Promise<void> {
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const shared: Shared = { pg, redis, outputRoot: outputFolder(), sentryDsn: '' };
  const workers: WorkerProc[] = [];
  const app = await openApp(shared, 'bench-app');
  const stopAll = async () => {
    for (const w of workers.splice(0)) {
      w.child.kill('SIGTERM');
      await w.exited;
    }
  };
  try {
    process.stderr.write('bench: one idle worker, 20 runs one after another…\n');
    workers.push(await startWorker(shared, 'bench-w1', { SENTRY_DSN: '' }));
    await runOnce(app, 'warm');
    const single: number[] = [];
    const waits: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const { ms, id } = await runOnce(app, 'one');
      single.push(ms);
      const line = JSON.parse((await app.store.runs.getById(id))!.canonicalLine!) as CanonicalLine;
      waits.push(line.queueWaitMs ?? Number.NaN);
    }
    process.stderr.write('bench: embedded, 5 runs…\n');
    const embedded = await embeddedRunMs();

    process.stderr.write('bench: a burst of 40 runs, one worker…\n');
    const worker1 = workers[0]!;
    const cpuBefore = cpuSeconds(worker1.child.pid!);
    const oneWorker = await burst(app, 40);
    const cpuPerRunMs = ((cpuSeconds(worker1.child.pid!) - cpuBefore) / 40) * 1000;
    process.stderr.write('bench: a burst of 40 runs, two workers…\n');
    workers.push(await startWorker(shared, 'bench-w2', { SENTRY_DSN: '' }));
    const twoWorkers = await burst(app, 40);

    const figures = {
      machine: { cores: os.cpus().length },
      enqueueToStartMs: { p50: median(waits), p95: percentile(waits, 95) },
      oneRunMs: { distributed: median(single.slice(0, 5)), embedded: median(embedded) },
      burst40: {
        oneWorkerRunsPerMin: oneWorker,
        twoWorkersRunsPerMin: twoWorkers,
        ratio: twoWorkers / oneWorker,
        cpuPerRunMs,
        twoWorkersWithACoreEachRunsPerMin: 2 * (60_000 / cpuPerRunMs),
      },
    };
    const f = (n: number, d = 0) => n.toFixed(d);
    console.log(`enqueue to start (idle worker)     p50 ${f(figures.enqueueToStartMs.p50)} ms, p95 ${f(figures.enqueueToStartMs.p95)} ms`);
    console.log(
      `one run, upload to end             distributed ${f(figures.oneRunMs.distributed)} ms, embedded ${f(figures.oneRunMs.embedded)} ms (+${f(figures.oneRunMs.distributed - figures.oneRunMs.embedded)} ms)`,
    );
    console.log(
      `burst of 40 runs                   1 worker ${f(oneWorker, 1)} runs/min, 2 workers ${f(twoWorkers, 1)} runs/min (×${f(figures.burst40.ratio, 2)} on ${figures.machine.cores} cores)`,
    );
    console.log(
      `with a core per worker             one run costs a worker ${f(cpuPerRunMs)} ms of CPU: 2 workers ≈ ${f(figures.burst40.twoWorkersWithACoreEachRunsPerMin, 1)} runs/min`,
    );
    const dir = path.resolve(__dirname, '..', 'outputs', 'bench');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `queue-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
    process.stderr.write(`bench: figures written to ${path.relative(process.cwd(), file)}\n`);
  } finally {
    await stopAll();
    await app.close();
    await Promise.all([pg.stop(), redis.stop()]);
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench-queue: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
