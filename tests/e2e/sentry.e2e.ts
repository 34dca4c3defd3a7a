import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, signedInContext } from './browser';
import { api, exampleFile, waitForRun, type ApiRun } from './api';
import type { ReceivedSpan } from '../support/envelopeServer';
import { runEvents, spanAttr, spanOp, waitForEnvelopes, type RunEvent } from './sentryInbox';
import { listExamples } from '@/lib/webRuns/examples';

const baseUrl = inject('baseUrl');
const sentryUrl = inject('sentryUrl');
const orgA = inject('orgA');
const orgB = inject('orgB');
const emails = inject('userEmails');
const maxConcurrent = inject('maxConcurrentRuns');
const wideSav = inject('wideSavPath');
// The smallest bundled example: quick runs that still make agent calls.
const example = listExamples(path.join(__dirname, '..', '..', 'examples')).find((e) => e.name === 'employee-pulse')!;

/** Every run this file started, with the user that started it (each must end with exactly one event). */
const runsStarted = new Map<string, { userId: string; orgId: string }>();

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Line = { pipelineId: string; traceId?: string; requestTraceId?: string; outcome: string; totals: { agentCalls: number } };

/** A W3C/Sentry trace id and span id, as a browser's fetch instrumentation would send for the upload request. */
function newTraceParent(): { traceId: string; spanId: string; headers: Record<string, string> } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return {
    traceId,
    spanId,
    headers: {
      'sentry-trace': `${traceId}-${spanId}-1`,
      baggage: `sentry-trace_id=${traceId},sentry-public_key=public,sentry-sampled=true,sentry-sample_rate=1`,
    },
  };
}

/** Upload the small example's .sav under a file name of our choosing (the dataset is named after it). */
async function upload(
  user: { token: string; userId: string; orgId: string },
  fileName: string,
  headers: Record<string, string> = {},
  sav?: Blob,
): Promise<string> {
  const form = new FormData();
  form.set('dataFile', sav ?? exampleFile(example.name, example.savFile), fileName);
  const res = await api(baseUrl, user.token, '/api/process-crosstab', { method: 'POST', body: form, headers });
  expect(res.status).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  runsStarted.set(runId, { userId: user.userId, orgId: user.orgId });
  return runId;
}

/** The one event of a run, once it has arrived (fails if there are several). */
async function theEventOf(runId: string): Promise<RunEvent> {
  const log = await waitForEnvelopes(sentryUrl, (l) => runEvents(l, runId).length > 0);
  const events = runEvents(log, runId);
  expect(events, `events of ${runId}`).toHaveLength(1);
  return events[0]!;
}

describe('Sentry from the browser and the server (production build, DSNs at a local stand-in)', () => {
  it("sends the browser's page-load trace, continuing the server's trace of that page request", async () => {
    const { context, page } = await signedInContext(browser, baseUrl, orgA.token);
    await page.goto('/runs');
    // The server renders its trace into the page; the browser SDK continues it.
    const traceparent = await page.locator('meta[name="sentry-trace"]').getAttribute('content');
    expect(traceparent).toMatch(/^[0-9a-f]{32}-[0-9a-f]{16}-1$/);
    const [traceId, serverSpanId] = traceparent!.split('-') as [string, string];
    const isPageload = (s: ReceivedSpan) => s.trace_id === traceId && spanOp(s) === 'pageload';
    const log = await waitForEnvelopes(sentryUrl, (l) => l.spans().some(isPageload) && l.spans().some((s) => s.span_id === serverSpanId));
    const server = log.spans().find((s) => s.span_id === serverSpanId)!;
    expect(server.trace_id).toBe(traceId);
    expect(spanOp(server)).toBe('http.server');
    expect(server.name ?? server.description).toBe('GET /runs');
    const pageloads = log.spans().filter(isPageload);
    expect(pageloads).toHaveLength(1);
    expect(pageloads[0]).toMatchObject({ parent_span_id: serverSpanId, name: '/runs' });
    await context.close();
  });

  it('reports an authenticated upload as one event with the user id and org tag', async () => {
    const runId = await upload(orgB, 'one-upload.sav');
    const run = await waitForRun(baseUrl, orgB.token, runId);
    expect(run.status).toBe('success');
    const event = await theEventOf(runId);
    expect(event.tags).toMatchObject({ pipeline_id: runId, org_id: 'globex', dataset: 'one-upload', outcome: 'success' });
    expect(event.user).toEqual({ id: orgB.userId });
    expect(event.level).toBe('info');
    expect(event.exception).toBeUndefined();
  });

  it(`isolates a burst of ${4 * maxConcurrent} uploads by two orgs: one event per run with only its own breadcrumbs, user, org and trace, linked to its upload request`, async () => {
    const count = 4 * maxConcurrent;
    const users = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? orgA : orgB));
    const requests = users.map(() => newTraceParent());
    // All sent at once: most runs wait in the queue, and each starts when another request's run frees a slot.
    const ids = await Promise.all(users.map((user, i) => upload(user, `burst-${i}.sav`, requests[i]!.headers)));
    const runs = await Promise.all(ids.map((id, i) => waitForRun(baseUrl, users[i]!.token, id)));
    expect(runs.map((r) => r.status)).toEqual(ids.map(() => 'success'));
    const lines = runs.map((r) => JSON.parse(r.canonicalLine!) as Line);

    const log = await waitForEnvelopes(sentryUrl, (l) => {
      const spans = l.spans();
      return ids.every(
        (id, i) =>
          runEvents(l, id).length > 0 &&
          spans.some((s) => s.trace_id === lines[i]!.traceId && spanOp(s) === 'pipeline.run') &&
          spans.some((s) => s.trace_id === requests[i]!.traceId && spanOp(s) === 'http.server'),
      );
    });
    const traceIds = new Set<string>();
    ids.forEach((id, i) => {
      const user = users[i]!;
      const line = lines[i]!;
      const request = requests[i]!;
      const events = runEvents(log, id);
      expect(events, `events of ${id}`).toHaveLength(1);
      const event = events[0]!;
      expect(event.tags).toMatchObject({ pipeline_id: id, org_id: user.orgId, dataset: `burst-${i}`, outcome: 'success' });
      expect(event.user).toEqual({ id: user.userId });

      const crumbs = event.breadcrumbs ?? [];
      const uploads = crumbs.filter((b) => b.category === 'upload');
      expect(
        uploads.map((b) => [b.message, b.data?.dataset]),
        `upload breadcrumbs of ${id}`,
      ).toEqual([['UploadHandler: execution', `burst-${i}`]]);
      expect(crumbs.filter((b) => b.category === 'agent').length, `agent breadcrumbs of ${id}`).toBe(line.totals.agentCalls);
      expect(line.totals.agentCalls).toBeGreaterThan(0);
      expect(crumbs.filter((b) => b.category !== 'upload' && b.category !== 'agent')).toEqual([]);

      // Its own trace: the event's, the line's and the root span's; linked to the upload request's trace.
      expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(event.contexts.trace?.trace_id).toBe(line.traceId);
      traceIds.add(line.traceId!);
      expect(line.requestTraceId).toBe(request.traceId);
      const requestSpan = log.spans().find((s) => s.trace_id === request.traceId && spanOp(s) === 'http.server');
      expect(requestSpan, `server span of the upload request of ${id}`).toMatchObject({ parent_span_id: request.spanId, name: 'POST /api/process-crosstab' });
      const roots = log.spans().filter((s) => s.trace_id === line.traceId && spanOp(s) === 'pipeline.run');
      expect(roots).toHaveLength(1);
      expect(spanAttr(roots[0]!, 'crosstab.request.trace_id')).toBe(request.traceId);
      const links = (roots[0]!.links as Array<{ trace_id: string; span_id: string }> | undefined) ?? [];
      expect(links.map((l) => l.trace_id)).toEqual([request.traceId]);
      // The link points at a span the server sent for that request (the request span or one of its children).
      expect(log.spans().some((s) => s.trace_id === request.traceId && s.span_id === links[0]!.span_id)).toBe(true);
    });
    expect(traceIds.size).toBe(count);
    expect([...traceIds].some((t) => requests.some((r) => r.traceId === t))).toBe(false);
  });

  it('reports a run cancelled while running as one info-level event with no exception', async () => {
    const runId = await upload(orgA, 'cancel-me.sav', {}, new Blob([readFileSync(wideSav)]));
    for (;;) {
      const run = (await (await api(baseUrl, orgA.token, `/api/runs/${runId}`)).json()) as ApiRun;
      if (run.status === 'running') break;
      expect(run.finished).toBe(false);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await api(baseUrl, orgA.token, `/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(202);
    const run = await waitForRun(baseUrl, orgA.token, runId);
    expect(run).toMatchObject({ status: 'cancelled', outcome: 'cancelled' });
    const event = await theEventOf(runId);
    expect(event.level).toBe('info');
    expect(event.exception).toBeUndefined();
    expect(event.tags).toMatchObject({ outcome: 'cancelled', org_id: 'acme' });
  });

  it('received exactly one event per run, and no e-mail address in any byte of any envelope', async () => {
    const log = await waitForEnvelopes(sentryUrl, (l) => [...runsStarted.keys()].every((id) => runEvents(l, id).length > 0));
    for (const [runId, who] of runsStarted) {
      const events = runEvents(log, runId);
      expect(events, runId).toHaveLength(1);
      expect(events[0]!.user).toEqual({ id: who.userId });
      expect(events[0]!.tags.org_id).toBe(who.orgId);
    }
    // Envelopes from the server and from the browser (whose pages show the signed-in user's e-mail).
    expect(log.spans().some((s) => spanOp(s) === 'pageload')).toBe(true);
    const everything = log.envelopes.map((e) => `${e.url}\n${e.raw}`).join('\n');
    expect(everything.length).toBeGreaterThan(0);
    for (const email of emails) {
      for (const form of [email, encodeURIComponent(email)]) {
        expect(everything.includes(form), `"${form}" was sent to Sentry`).toBe(false);
      }
    }
  });
});
