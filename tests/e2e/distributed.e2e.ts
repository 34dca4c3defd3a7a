import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { enginesMissing, startPostgres, startRedis, type Engine } from '../support/engines';
import { api, exampleFile, ROOT, waitForRun, type ApiRun } from './api';
import { e2eSentryDsn } from './sentryDsn';
import { runEvents, spanAttr, spanOp, waitForEnvelopes } from './sentryInbox';
import { createUser, startServer, type E2eServer } from './server';

const sentryUrl = inject('sentryUrl');
const wideSav = inject('wideSavPath');
const missing = enginesMissing();

/** Two `next start` instances of the production build and one `npm run worker`, sharing Postgres, Redis and folders. */
let pg: Engine | undefined;
let redis: Engine | undefined;
const servers: E2eServer[] = [];
let worker: ChildProcess | undefined;
let workerOut = '';
let a: E2eServer;
let b: E2eServer;
let user: { token: string; userId: string; orgId: string };

const WORKER_ID = 'e2e-worker';

beforeAll(async () => {
  if (missing) return;
  pg = await startPostgres();
  redis = await startRedis();
  const shared = mkdtempSync(path.join(tmpdir(), 'crosstab-e2e-shared-'));
  const env = {
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    OUTPUT_ROOT: path.join(shared, 'outputs'),
    UPLOAD_ROOT: path.join(shared, 'uploads'),
    SENTRY_DSN: e2eSentryDsn(),
    SENTRY_TRACES_SAMPLE_RATE: '1',
    UPLOAD_MAX_BYTES: String(32 * 1024 * 1024),
  };
  a = await startServer(env);
  servers.push(a);
  b = await startServer(env);
  servers.push(b);
  user = createUser(a.env, 'initech', 'peter@initech.test');

  worker = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', WORKER_ID, MAX_CONCURRENT_RUNS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout!.setEncoding('utf8').on('data', (d: string) => (workerOut += d));
  let workerErr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start within 60 s: ${workerErr}`)), 60_000);
    worker!.stderr!.setEncoding('utf8').on('data', (d: string) => {
      workerErr += d;
      if (workerErr.includes('takes runs from the queue')) {
        clearTimeout(timer);
        resolve();
      }
    });
    worker!.once('exit', (code) => reject(new Error(`the worker exited (${code}): ${workerErr}`)));
  });
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const gone = new Promise((resolve) => worker!.once('exit', resolve));
    worker.kill('SIGTERM');
    await gone;
  }
  for (const s of servers) await s.stop();
  await redis?.stop();
  await pg?.stop();
});

/**
 * What one instance streams for a run until it finishes: the statuses of its `run` events and the types of its
 * `pipeline` events (stages, agent calls).
 */
async function streamed(server: E2eServer, runId: string): Promise<{ statuses: string[]; pipeline: string[] }> {
  const res = await api(server.baseUrl, user.token, `/api/runs/${runId}/events`);
  expect(res.status).toBe(200);
  const statuses: string[] = [];
  const pipeline: string[] = [];
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const data = /^event: run\ndata: (.*)$/m.exec(block);
      if (data) statuses.push((JSON.parse(data[1]!) as ApiRun).status);
      const event = /^event: pipeline\ndata: (.*)$/m.exec(block);
      if (event) pipeline.push((JSON.parse(event[1]!) as { type: string }).type);
    }
  }
  return { statuses, pipeline };
}

describe.skipIf(missing)('the distributed mode of the production build (two app instances, one worker, Postgres and Redis)', () => {
  it('takes an upload on one instance, runs it on the worker, and shows its progress, line, tables and workbook on the other; a retried upload names the same run', async () => {
    const form = () => {
      const f = new FormData();
      f.set('dataFile', exampleFile('employee-pulse', 'employee-pulse.sav'), 'pulse.sav');
      return f;
    };
    const key = { 'idempotency-key': `upload-${randomBytes(6).toString('hex')}` };
    const first = await api(a.baseUrl, user.token, '/api/process-crosstab', { method: 'POST', body: form(), headers: key });
    expect(first.status).toBe(202);
    const { runId } = (await first.json()) as { runId: string };
    const stream = streamed(b, runId);
    // The same request again, to the other instance: the same run, not a second one.
    const again = await api(b.baseUrl, user.token, '/api/process-crosstab', { method: 'POST', body: form(), headers: key });
    expect(again.status).toBe(202);
    expect(((await again.json()) as { runId: string }).runId).toBe(runId);

    const run = await waitForRun(b.baseUrl, user.token, runId);
    expect(run.status).toBe('success');
    const { statuses, pipeline } = await stream;
    expect(statuses.at(-1)).toBe('success');
    // The worker's stage and agent-call events reach the stream of an instance that ran nothing.
    expect(pipeline).toEqual(expect.arrayContaining(['stage:start', 'agent:progress']));
    const line = JSON.parse(run.canonicalLine!) as { pipelineId: string; schemaVersion: number; attempt: number; worker: { id: string }; outcome: string };
    expect(line).toMatchObject({ pipelineId: runId, schemaVersion: 4, attempt: 1, worker: { id: WORKER_ID }, outcome: 'success' });
    // The worker printed the line; the app instances ran nothing.
    expect(workerOut.split('\n').filter((l) => l.includes(`"pipelineId":"${runId}"`))).toHaveLength(1);
    for (const s of [a, b]) expect(s.stdout()).not.toContain(`"pipelineId":"${runId}"`);

    const list = (await (await api(a.baseUrl, user.token, '/api/runs')).json()) as { runs: Array<{ id: string }> };
    expect(list.runs.filter((r) => r.id === runId)).toHaveLength(1);
    const tables = await api(a.baseUrl, user.token, `/api/runs/${runId}/tables?offset=0&limit=5`);
    expect(tables.status).toBe(200);
    expect(((await tables.json()) as { total: number }).total).toBeGreaterThan(0);
    const workbook = await api(b.baseUrl, user.token, `/api/runs/${runId}/workbook`);
    expect(workbook.status).toBe(200);
    expect(new Uint8Array(await workbook.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));

    // One event for the run, and the trace from the upload's queue.publish to the worker's queue.process.
    const log = await waitForEnvelopes(
      sentryUrl,
      (l) => runEvents(l, runId).length > 0 && l.spans().some((s) => spanOp(s) === 'queue.process' && spanAttr(s, 'messaging.message.id') === runId),
    );
    expect(runEvents(log, runId)).toHaveLength(1);
    const publish = log.spans().find((s) => spanOp(s) === 'queue.publish' && spanAttr(s, 'messaging.message.id') === runId)!;
    const processed = log.spans().find((s) => spanOp(s) === 'queue.process' && spanAttr(s, 'messaging.message.id') === runId)!;
    expect(publish).toBeDefined();
    expect(processed.trace_id).toBe(publish.trace_id);
    expect(spanAttr(processed, 'messaging.system')).toBe('bullmq');
  });

  it('cancels a running and a queued run from the instance that did not take their uploads', async () => {
    const post = async (form: FormData) => {
      const res = await api(a.baseUrl, user.token, '/api/process-crosstab', { method: 'POST', body: form });
      expect(res.status).toBe(202);
      return ((await res.json()) as { runId: string }).runId;
    };
    const wide = new FormData();
    wide.set('dataFile', new Blob([readFileSync(wideSav)]), 'wide-survey.sav');
    const running = await post(wide);
    const example = new FormData();
    example.set('example', 'brand-tracker');
    // The worker takes one run at a time: this one waits behind the wide survey, which runs for seconds.
    const queued = await post(example);
    const stream = streamed(b, running);
    await waitForStatus(b, running, 'running');
    expect((await (await api(b.baseUrl, user.token, `/api/runs/${queued}`)).json()) as ApiRun).toMatchObject({ status: 'queued' });

    for (const id of [queued, running]) {
      const cancel = await api(b.baseUrl, user.token, `/api/runs/${id}/cancel`, { method: 'POST' });
      expect(cancel.status, `cancel of ${id}`).toBe(202);
    }
    for (const id of [queued, running]) {
      const run = await waitForRun(a.baseUrl, user.token, id);
      expect(run.status, id).toBe('cancelled');
      expect(JSON.parse(run.canonicalLine!)).toMatchObject({ pipelineId: id, outcome: 'cancelled' });
    }
    const { statuses } = await stream;
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('cancelled');
  });
});

/** Poll a run on one instance until it has `status`. */
async function waitForStatus(server: E2eServer, runId: string, status: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await (await api(server.baseUrl, user.token, `/api/runs/${runId}`)).json()) as ApiRun;
    if (run.status === status) return;
    if (run.finished || Date.now() > deadline) throw new Error(`run ${runId} is ${run.status}, never ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
