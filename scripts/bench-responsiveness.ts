/**
 * Web responsiveness during a big run: `npm run build && npm run bench:responsiveness`.
 * For each way of running the CPU-bound stages (STAGE_WORKERS=never: on the request-serving thread, as before worker
 * threads; STAGE_WORKERS=auto: a worker thread for a large .sav), starts `next start` on the current production build
 * with a fresh database, makes one small warm-up run (a bundled example), polls the idle server for a few seconds, then
 * uploads a 30,000 × 300 survey (written once with pspp, in the OS temp folder) and, until the run ends, asks for
 * GET /api/runs, GET /api/runs/<id> and the /runs page, each every 100 ms. Prints p50/p95/max latency per endpoint
 * (during the run, and idle before it), by the stage the run was in, and the run's time; writes the figures to
 * outputs/bench/responsiveness-<time>.json (or `--json <file>`). `--mode never|auto` measures one way only.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUser, startServer } from '../tests/e2e/server';
import { writeWideSav } from '../tests/e2e/wideDataset';

const ROOT = path.resolve(__dirname, '..');
const POLL_MS = 100;
const IDLE_MS = 3000;
/** The target: the runs list answers in at most this long (p95) while a big run computes. */
const TARGET_P95_MS = 150;
const ENDPOINTS = ['GET /api/runs', 'GET /api/runs/<id>', 'GET /runs'] as const;
type Endpoint = (typeof ENDPOINTS)[number];
const MODES = { never: 'in-thread (STAGE_WORKERS=never, as before)', auto: 'worker thread (STAGE_WORKERS=auto)' } as const;
type Mode = keyof typeof MODES;

interface Sample {
  endpoint: Endpoint;
  stage: string;
  ms: number;
}

interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? Number.NaN) };
}

const fmt = (s: Summary) =>
  `n ${String(s.n).padStart(4)}  p50 ${s.p50.toFixed(0).padStart(5)} ms  p95 ${s.p95.toFixed(0).padStart(5)} ms  max ${s.max.toFixed(0).padStart(5)} ms`;

/** Newest modification time of the app's sources, to warn when the build predates them. */
async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** One server with STAGE_WORKERS=`mode`: a warm-up run, idle polling, then polling during the big run. */
async function measure(mode: Mode, sav: string) {
  const server = await startServer({ MAX_CONCURRENT_RUNS: '2', UPLOAD_MAX_BYTES: String(64 * 1024 * 1024), STAGE_WORKERS: mode });
  try {
    const { token } = createUser(server.env, 'acme', 'bench@acme.test');
    const auth = { authorization: `Bearer ${token}` };
    const signIn = await fetch(`${server.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      redirect: 'manual',
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const upload = async (form: FormData): Promise<string> => {
      const res = await fetch(`${server.baseUrl}/api/process-crosstab`, { method: 'POST', headers: auth, body: form });
      if (res.status !== 202) throw new Error(`upload: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { runId: string }).runId;
    };
    const runOf = async (id: string) =>
      (await (await fetch(`${server.baseUrl}/api/runs/${id}`, { headers: auth })).json()) as {
        finished: boolean;
        stage: string | null;
        outcome: string | null;
        durationMs: number | null;
        stages: Array<{ name: string; durationMs?: number }>;
      };
    const waitFor = async (id: string) => {
      for (;;) {
        const run = await runOf(id);
        if (run.finished) return run;
        await new Promise((r) => setTimeout(r, 250));
      }
    };

    process.stderr.write(`bench [${mode}]: warm-up run (bundled example)…\n`);
    const warm = new FormData();
    warm.set('example', 'commuter-survey');
    const warmId = await upload(warm);
    await waitFor(warmId);

    let runId = warmId;
    let stage = 'idle';
    let done = false;
    const samples: Sample[] = [];
    const requestOf: Record<Endpoint, () => Promise<Response>> = {
      'GET /api/runs': () => fetch(`${server.baseUrl}/api/runs`, { headers: auth }),
      'GET /api/runs/<id>': () => fetch(`${server.baseUrl}/api/runs/${runId}`, { headers: auth }),
      'GET /runs': () => fetch(`${server.baseUrl}/runs`, { headers: { cookie } }),
    };
    const poll = async (endpoint: Endpoint, until: () => boolean) => {
      while (!until()) {
        const sentIn = stage;
        const start = performance.now();
        const res = await requestOf[endpoint]();
        const body = await res.text();
        const ms = performance.now() - start;
        if (res.status !== 200) throw new Error(`${endpoint}: HTTP ${res.status}`);
        samples.push({ endpoint, stage: sentIn, ms });
        if (endpoint === 'GET /api/runs/<id>' && stage !== 'idle') {
          const run = JSON.parse(body) as { finished: boolean; stage: string | null };
          stage = run.stage ?? stage;
          if (run.finished) done = true;
        }
        await new Promise((r) => setTimeout(r, Math.max(0, POLL_MS - ms)));
      }
    };

    process.stderr.write(`bench [${mode}]: idle server, polling every ${POLL_MS} ms for ${IDLE_MS / 1000} s…\n`);
    const idleUntil = performance.now() + IDLE_MS;
    await Promise.all(ENDPOINTS.map((e) => poll(e, () => performance.now() > idleUntil)));

    process.stderr.write(`bench [${mode}]: uploading the 30,000 × 300 survey, polling every ${POLL_MS} ms…\n`);
    const form = new FormData();
    form.set('dataFile', new Blob([readFileSync(sav)]), 'wide-survey.sav');
    const t0 = performance.now();
    runId = await upload(form);
    stage = 'queued';
    await Promise.all(ENDPOINTS.map((e) => poll(e, () => done)));
    const wallMs = performance.now() - t0;
    const run = await runOf(runId);

    const during = samples.filter((s) => s.stage !== 'idle');
    return {
      mode,
      run: {
        outcome: run.outcome,
        durationMs: run.durationMs,
        wallMs: Math.round(wallMs),
        stages: Object.fromEntries(run.stages.map((s) => [s.name, s.durationMs ?? null])),
      },
      endpoints: Object.fromEntries(ENDPOINTS.map((e) => [e, summarize(during.filter((s) => s.endpoint === e).map((s) => s.ms))])) as Record<Endpoint, Summary>,
      all: summarize(during.map((s) => s.ms)),
      idle: summarize(samples.filter((s) => s.stage === 'idle').map((s) => s.ms)),
      byStage: Object.fromEntries([...new Set(during.map((s) => s.stage))].map((st) => [st, summarize(during.filter((s) => s.stage === st).map((s) => s.ms))])),
    };
  } finally {
    await server.stop();
  }
}

function report(f: Awaited<ReturnType<typeof measure>>): string[] {
  const out = [`== ${MODES[f.mode]}`, `run: ${f.run.outcome}, ${f.run.durationMs} ms in the pipeline, ${f.run.wallMs} ms from upload to finished`];
  out.push(
    `stages: ${Object.entries(f.run.stages)
      .map(([name, ms]) => `${name} ${ms ?? '-'}`)
      .join(', ')}`,
  );
  for (const e of ENDPOINTS) out.push(`${e.padEnd(22)}${fmt(f.endpoints[e])}`);
  out.push(`${'all requests'.padEnd(22)}${fmt(f.all)}`);
  out.push(`${'idle server (before)'.padEnd(22)}${fmt(f.idle)}`);
  out.push('by stage the run was in when the request was sent:');
  for (const [st, s] of Object.entries(f.byStage)) out.push(`  ${st.padEnd(26)}${fmt(s)}`);
  const p95 = f.endpoints['GET /api/runs'].p95;
  out.push(`target: GET /api/runs p95 ≤ ${TARGET_P95_MS} ms during the run: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'} (${p95.toFixed(0)} ms)`);
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'string' }, mode: { type: 'string' } } });
  if (values.mode !== undefined && !(values.mode in MODES)) throw new Error(`--mode must be one of ${Object.keys(MODES).join(', ')}`);
  const modes = values.mode ? [values.mode as Mode] : (Object.keys(MODES) as Mode[]);
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) throw new Error('no production build: run `npm run build` first');
  if ((await newestSource(path.join(ROOT, 'src'))) > statSync(buildId).mtimeMs)
    process.stderr.write('bench: warning: src/ changed after the last build; run `npm run build` for current figures\n');

  const dir = path.join(tmpdir(), 'crosstab-bench-tables');
  const sav = path.join(dir, 'wide-survey.sav');
  if (!existsSync(sav)) writeWideSav(dir);

  const figures = [];
  for (const mode of modes) {
    const f = await measure(mode, sav);
    process.stdout.write(`${report(f).join('\n')}\n`);
    figures.push(f);
  }
  const file = values.json ?? path.join(ROOT, 'outputs', 'bench', `responsiveness-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ pollMs: POLL_MS, targetP95Ms: TARGET_P95_MS, cores: availableParallelism(), figures }, null, 2)}\n`);
  process.stderr.write(`bench: figures written to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-responsiveness: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
