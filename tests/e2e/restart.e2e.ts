import { afterAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { api, type ApiRun } from './api';
import { createUser, startServer, type E2eServer } from './server';

const wideSav = inject('wideSavPath');
const servers: E2eServer[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
});

describe('server restart', () => {
  it('marks runs that were in flight when the server died as failed (interrupted), never running forever', async () => {
    const first = await startServer({ MAX_CONCURRENT_RUNS: '1', UPLOAD_MAX_BYTES: String(32 * 1024 * 1024) });
    servers.push(first);
    const user = createUser(first.env, 'acme', 'ana@acme.test');
    // Both uploads are sent at once, each on its own connection, before the first run keeps the server busy.
    const responses = await Promise.all(
      [1, 2].map(() => {
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
    // One slot and runs of several seconds: at least the run that waited is still in flight when the process dies.
    await first.crash();

    const second = await startServer({}, first);
    servers.push(second);
    const runs: ApiRun[] = [];
    for (const id of ids) {
      const res = await api(second.baseUrl, user.token, `/api/runs/${id}`);
      expect(res.status).toBe(200);
      runs.push((await res.json()) as ApiRun);
    }
    expect(runs.every((r) => r.finished)).toBe(true);
    const interrupted = runs.filter((r) => r.status !== 'success');
    expect(interrupted.length).toBeGreaterThanOrEqual(1);
    for (const run of interrupted) {
      expect(run).toMatchObject({ status: 'error', outcome: 'error', error: { type: 'Interrupted' } });
      expect(run.error?.message).toMatch(/restarted/);
    }
  });
});
