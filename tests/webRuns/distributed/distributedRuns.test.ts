import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { flushObservability, initObservability, type CanonicalLine } from '@/lib/observability';
import { EnvelopeServer } from '../../support/envelopeServer';
import { enginesMissing, startPostgres, startRedis, type Engine } from '../../support/engines';
import { startOpenAICompatServer, type OpenAICompatServer } from '../../support/openaiCompatServer';
import { attr, opOf, traceSpans } from '../../observability/helpers/received';
import { openApp, outputFolder, startWorker, submit, waitForEnd, waitForRecord, type App, type Shared, type WorkerProc } from './cluster';

const missing = enginesMissing();
if (missing) process.stderr.write(`skipped: ${missing}\n`);

let shared: Shared;
let pg: Engine;
let redis: Engine;
let sentry: EnvelopeServer;
let hanging: OpenAICompatServer;
const apps: App[] = [];
const workers: WorkerProc[] = [];

/** Workers whose model never answers: their runs wait in BannerAgent until cancelled, stopped or lost. */
const hangingModel = () => ({ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test-not-a-secret', OPENAI_BASE_URL: hanging.baseURL, LLM_MODEL: 'gpt-4o-mini' });

const linesOf = (runId: string): CanonicalLine[] =>
  [...workers.flatMap((w) => w.lines()), ...apps.flatMap((a) => a.lines)].map((l) => JSON.parse(l) as CanonicalLine).filter((l) => l.pipelineId === runId);

const eventsOf = (runId: string) => sentry.events().filter((e) => (e.tags as Record<string, string> | undefined)?.pipeline_id === runId);

/** Exactly one line and one Sentry event for the run, saying `outcome`. */
async function expectOnce(runId: string, outcome: string): Promise<CanonicalLine> {
  await flushObservability(5000);
  await sentry.waitFor(() => eventsOf(runId).length > 0, 15_000);
  const lines = linesOf(runId);
  expect(lines, `${runId} lines`).toHaveLength(1);
  expect(lines[0]!.outcome).toBe(outcome);
  const events = eventsOf(runId);
  expect(events, `${runId} events`).toHaveLength(1);
  expect((events[0]!.tags as Record<string, string>).outcome).toBe(outcome);
  return lines[0]!;
}

async function stopWorker(w: WorkerProc, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  w.child.kill(signal);
  return w.exited;
}

describe.skipIf(missing !== undefined)('the distributed mode against real Postgres and Redis', () => {
  beforeAll(async () => {
    [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
    sentry = await EnvelopeServer.start('ok');
    hanging = await startOpenAICompatServer({ answer: {}, usage: { promptTokens: 1, completionTokens: 1 }, hang: true });
    await initObservability(readEnv({ NODE_ENV: 'test', SENTRY_DSN: sentry.dsn(), SENTRY_TRACES_SAMPLE_RATE: '1' }));
    shared = { pg, redis, outputRoot: outputFolder(), sentryDsn: sentry.dsn() };
    apps.push(await openApp(shared, 'app-a'), await openApp(shared, 'app-b'));
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) await stopWorker(w, 'SIGKILL');
    for (const a of apps) await a.close().catch(() => undefined);
    await Promise.all([pg?.stop(), redis?.stop(), sentry?.close(), hanging?.close()]);
  }, 60_000);

  it('a burst through two app instances by two orgs runs each run exactly once on two workers, its progress seen from both instances', async () => {
    const [a, b] = apps as [App, App];
    workers.push(await startWorker(shared, 'w1', { MAX_CONCURRENT_RUNS: '2' }), await startWorker(shared, 'w2', { MAX_CONCURRENT_RUNS: '2' }));
    const ids = Array.from({ length: 8 }, (_, i) => `burst-${i}`);
    const orgOf = (i: number) => (i % 2 === 0 ? 'org-x' : 'org-y');
    // Progress of the first run, watched from the instance that did not take its upload.
    const seenOnB: string[] = [];
    const stopWatching = b.orchestrator.subscribe(ids[0]!, (r) => seenOnB.push(r.status));
    // Its pipeline events too (what the run page's activity list shows), sent by whichever worker runs it.
    const eventsOnB: string[] = [];
    const stopEvents = b.orchestrator.subscribeEvents(ids[0]!, (e) => eventsOnB.push(e.type === 'agent:progress' ? `${e.type}:${e.status}` : e.type));
    await Promise.all(ids.map((id, i) => submit(i % 2 === 0 ? a : b, id, orgOf(i))));
    const ended = await Promise.all(ids.map((id, i) => waitForEnd(i % 2 === 0 ? b : a, id)));
    stopWatching();
    stopEvents();
    expect(ended.map((r) => r.status)).toEqual(ids.map(() => 'success'));
    expect(seenOnB).toContain('running');
    expect(seenOnB.at(-1)).toBe('success');
    expect(eventsOnB).toEqual(expect.arrayContaining(['stage:start', 'stage:complete', 'agent:progress:start', 'agent:progress:done', 'pipeline:complete']));
    const ranOn = new Set<string>();
    for (const [i, id] of ids.entries()) {
      const line = await expectOnce(id, 'success');
      expect(line).toMatchObject({ orgId: orgOf(i), userId: `user-${orgOf(i)}`, attempt: 1, source: 'web' });
      expect(line.queueWaitMs).toBeGreaterThanOrEqual(0);
      ranOn.add(line.worker!.id);
      const event = eventsOf(id)[0] as { user?: { id?: string }; tags: Record<string, string> };
      expect([event.user?.id, event.tags.org_id]).toEqual([`user-${orgOf(i)}`, orgOf(i)]);
    }
    expect([...ranOn].sort()).toEqual(['w1', 'w2']);
  }, 240_000);

  it('a run sent twice (the same run id) is queued and run once', async () => {
    const [a, b] = apps as [App, App];
    await submit(a, 'twice', 'org-x');
    await b.orchestrator.runPipelineFromUpload({
      runId: 'twice',
      orgId: 'org-x',
      userId: 'user-org-x',
      inputs: { datasetName: 'employee-pulse', savPath: 'x' },
    });
    expect((await waitForEnd(a, 'twice')).status).toBe('success');
    await expectOnce('twice', 'success');
  }, 120_000);

  it('the trace crosses the queue: queue.publish in the app, queue.process in the worker, the run linked to the publish span', async () => {
    const line = linesOf('burst-0')[0]!;
    await flushObservability(5000);
    const root = traceSpans(sentry, line.traceId!).find((s) => opOf(s) === 'pipeline.run')!;
    expect(root).toBeDefined();
    const link = (root.links as Array<{ trace_id: string; span_id: string }>)[0]!;
    const publishTrace = traceSpans(sentry, link.trace_id);
    const publish = publishTrace.find((s) => opOf(s) === 'queue.publish' && attr(s, 'messaging.message.id') === 'burst-0')!;
    expect(publish.span_id).toBe(link.span_id);
    expect([attr(publish, 'messaging.system'), attr(publish, 'messaging.destination.name')]).toEqual(['bullmq', 'crosstab-runs']);
    const processed = publishTrace.find((s) => opOf(s) === 'queue.process' && attr(s, 'messaging.message.id') === 'burst-0')!;
    expect(processed).toBeDefined();
    expect(attr(processed, 'messaging.message.retry.count')).toBe(0);
    expect(attr(processed, 'messaging.message.receive.latency')).toBeTypeOf('number');
    // The queue's own Postgres and Redis calls make no spans in the run's trace.
    expect(traceSpans(sentry, line.traceId!).filter((s) => /^(db|cache)/.test(String(opOf(s))))).toEqual([]);
  }, 60_000);

  it('cancels from the other instance: a queued run ends at once, a running one within a second, each with one line and event', async () => {
    for (const w of workers.splice(0)) await stopWorker(w, 'SIGTERM');
    const [a, b] = apps as [App, App];
    workers.push(await startWorker(shared, 'w3', hangingModel()));
    await submit(a, 'held', 'org-x');
    await waitForRecord(b, 'held', (r) => r.status === 'running', 'held running');
    await submit(a, 'waiting', 'org-y');
    expect(await b.orchestrator.cancel('waiting')).toBe('dequeued');
    expect((await waitForEnd(a, 'waiting')).status).toBe('cancelled');
    await expectOnce('waiting', 'cancelled');
    const asked = Date.now();
    expect(await b.orchestrator.cancel('held')).toBe('aborting');
    const held = await waitForEnd(a, 'held');
    expect(held.status).toBe('cancelled');
    expect(held.finishedAt! - asked).toBeLessThan(1000);
    await expectOnce('held', 'cancelled');
  }, 120_000);

  it('SIGTERM to a worker: no new runs, its run ends cancelled with its line and event, nothing left running', async () => {
    const [a] = apps as [App];
    await submit(a, 'stopped', 'org-x');
    await waitForRecord(a, 'stopped', (r) => r.status === 'running', 'stopped running');
    const w3 = workers.find((w) => w.id === 'w3')!;
    expect(await stopWorker(w3, 'SIGTERM')).toMatchObject({ code: 143 });
    expect((await a.store.runs.getById('stopped'))?.status).toBe('cancelled');
    await expectOnce('stopped', 'cancelled');
  }, 120_000);

  it('SIGKILL to a worker mid-run: the run ends once, as an error (worker lost), found by the other worker', async () => {
    const [a] = apps as [App];
    const doomed = await startWorker(shared, 'w4', hangingModel());
    workers.push(doomed);
    await submit(a, 'lost', 'org-y');
    await waitForRecord(a, 'lost', (r) => r.status === 'running' && r.worker === 'w4', 'lost running on w4');
    await stopWorker(doomed, 'SIGKILL');
    workers.push(await startWorker(shared, 'w5'));
    const ended = await waitForEnd(a, 'lost', 30_000);
    expect(ended).toMatchObject({ status: 'error', error: { type: 'WorkerLost' } });
    const line = await expectOnce('lost', 'error');
    expect(line.error).toMatchObject({ type: 'WorkerLost' });
  }, 120_000);

  it('a full restart with runs queued loses none of them', async () => {
    for (const w of workers.splice(0)) if (w.child.exitCode === null && w.child.signalCode === null) await stopWorker(w, 'SIGTERM');
    await Promise.all(['restart-1', 'restart-2', 'restart-3'].map((id, i) => submit(apps[i % 2]!, id, 'org-x')));
    for (const app of apps.splice(0)) await app.close();
    apps.push(await openApp(shared, 'app-c'));
    workers.push(await startWorker(shared, 'w6', { MAX_CONCURRENT_RUNS: '3' }));
    for (const id of ['restart-1', 'restart-2', 'restart-3']) {
      expect((await waitForEnd(apps[0]!, id)).status).toBe('success');
      await expectOnce(id, 'success');
    }
  }, 180_000);

  it('a worker starts a run only when its memory fits its budget: two runs bigger than it run one after the other', async () => {
    for (const w of workers.splice(0)) if (w.child.exitCode === null && w.child.signalCode === null) await stopWorker(w, 'SIGTERM');
    workers.push(await startWorker(shared, 'w7', { MAX_CONCURRENT_RUNS: '2', RUN_MEMORY_BUDGET_MB: '1' }));
    const app = apps[0]!;
    await Promise.all(['budget-1', 'budget-2'].map((id) => submit(app, id, 'org-x')));
    for (const id of ['budget-1', 'budget-2']) expect((await waitForEnd(app, id)).status).toBe('success');
    const [first, second] = [await expectOnce('budget-1', 'success'), await expectOnce('budget-2', 'success')].sort((x, y) =>
      x.startedAt.localeCompare(y.startedAt),
    );
    expect(Date.parse(second!.startedAt)).toBeGreaterThanOrEqual(Date.parse(first!.timestamp));
  }, 120_000);
});
