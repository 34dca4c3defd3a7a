import { afterAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EnvelopeServer } from '../support/envelopeServer';
import { api, type ApiRun } from './api';
import { createUser, startServer, type E2eServer } from './server';
import { runEvents } from './sentryInbox';

const wideSav = inject('wideSavPath');
const servers: E2eServer[] = [];
const sentries: EnvelopeServer[] = [];

/** The server's shutdown bounds (src/instrumentation.ts): runs get 2 s to end, then Sentry 2 s to deliver; plus process exit. */
const SHUTDOWN_BOUND_MS = 2000 + 2000 + 2000;

afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const s of sentries) await s.close();
});

const EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;

describe('server shutdown with runs in flight', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to next start: the process exits within the bound, and every run in flight ends cancelled with one line and one event',
    async (signal) => {
      const sentry = await EnvelopeServer.start('ok');
      sentries.push(sentry);
      const first = await startServer({
        MAX_CONCURRENT_RUNS: '1',
        UPLOAD_MAX_BYTES: String(32 * 1024 * 1024),
        SENTRY_DSN: sentry.dsn(),
        SENTRY_TRACES_SAMPLE_RATE: '1',
      });
      servers.push(first);
      const user = createUser(first.env, 'acme', 'ana@acme.test');
      // Sent at once, each on its own connection: one run takes the only slot, the others wait in the queue.
      const responses = await Promise.all(
        [1, 2, 3].map(() => {
          const form = new FormData();
          form.set('dataFile', new Blob([readFileSync(wideSav)]), 'wide-survey.sav');
          return api(first.baseUrl, user.token, '/api/process-crosstab', { method: 'POST', body: form });
        }),
      );
      const ids: string[] = [];
      for (const res of responses) {
        expect(res.status).toBe(202);
        ids.push(((await res.json()) as { runId: string }).runId);
      }
      // Stop the server as soon as a run is executing (a run of this size takes seconds).
      let inFlight: ApiRun[] = [];
      for (;;) {
        const runs = ((await (await api(first.baseUrl, user.token, '/api/runs')).json()) as { runs: ApiRun[] }).runs;
        inFlight = runs.filter((r) => ids.includes(r.id) && !r.finished);
        if (inFlight.some((r) => r.status === 'running')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(inFlight.length).toBeGreaterThanOrEqual(2);

      const sentAt = Date.now();
      first.signal(signal);
      const exit = await first.exited;
      const tookMs = Date.now() - sentAt;
      expect(exit.code).toBe(EXIT_CODES[signal]);
      expect(tookMs).toBeLessThan(SHUTDOWN_BOUND_MS);

      // What the process printed and delivered before it exited is all there will ever be.
      const lines = first
        .stdout()
        .split('\n')
        .filter((l) => l.startsWith('{"kind":"pipeline.run"'))
        .map((l) => JSON.parse(l) as { pipelineId: string; outcome: string });
      for (const id of ids) {
        const own = lines.filter((l) => l.pipelineId === id);
        expect(own, `canonical lines of ${id}`).toHaveLength(1);
        const events = runEvents(sentry, id);
        expect(events, `events of ${id}`).toHaveLength(1);
        if (inFlight.some((r) => r.id === id)) {
          expect(own[0]!.outcome).toBe('cancelled');
          expect(events[0]).toMatchObject({ level: 'info', tags: { outcome: 'cancelled' } });
          expect(events[0]!.exception).toBeUndefined();
        }
      }

      // Started again on the same folders: the records say cancelled, not running and not interrupted.
      const second = await startServer({}, first);
      servers.push(second);
      for (const id of inFlight.map((r) => r.id)) {
        const run = (await (await api(second.baseUrl, user.token, `/api/runs/${id}`)).json()) as ApiRun;
        expect(run, id).toMatchObject({ status: 'cancelled', outcome: 'cancelled', finished: true, error: null });
        expect(run.finishedAt).not.toBeNull();
      }
      const queuedAtStop = inFlight.filter((r) => r.status === 'queued').map((r) => r.id);
      expect(queuedAtStop.length).toBeGreaterThanOrEqual(1);
      for (const id of queuedAtStop) expect(((await (await api(second.baseUrl, user.token, `/api/runs/${id}`)).json()) as ApiRun).startedAt, id).toBeNull();
      await second.stop();
    },
  );
});
