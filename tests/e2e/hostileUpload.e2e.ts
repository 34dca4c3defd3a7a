import { afterAll, describe, expect, it } from 'vitest';
import { api, waitForRun, type ApiRun } from './api';
import { createUser, startServer, type E2eServer } from './server';
import { repeatedCodes, savBytes } from '../support/savBytes';

const servers: E2eServer[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
});

function upload(server: E2eServer, token: string, bytes: Buffer, name: string): Promise<Response> {
  const form = new FormData();
  form.set('dataFile', new Blob([new Uint8Array(bytes)]), name);
  return api(server.baseUrl, token, '/api/process-crosstab', { method: 'POST', body: form });
}

/** The canonical lines the server printed for a run. */
function linesOf(server: E2eServer, runId: string): Array<Record<string, unknown>> {
  return server
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.kind === 'pipeline.run' && l.pipelineId === runId);
}

describe('hostile uploads never take the server down', () => {
  it('a few KB of ZLIB holding 16.8 million cases, and one that goes past the cell limit: each run ends with its line while another user is served', async () => {
    const server = await startServer({ MAX_CONCURRENT_RUNS: '2' });
    servers.push(server);
    const attacker = createUser(server.env, 'evil', 'mallory@evil.test');
    const bystander = createUser(server.env, 'acme', 'ana@acme.test');
    // 16.8 million cases of one variable, the case count in the header (the file pspp writes with /ZCOMPRESSED).
    const bomb = savBytes({ variables: 1, declaredCases: 16_800_000, codes: repeatedCodes(16_800_000, 1), compression: 'zlib' });
    // 30 million cases and no case count: decoding must stop itself at the cell limit.
    const pastLimit = savBytes({ variables: 1, declaredCases: -1, codes: repeatedCodes(30_000_000, 1), compression: 'zlib' });
    expect(bomb.length + pastLimit.length).toBeLessThan(100_000);

    const ids: string[] = [];
    for (const [bytes, name] of [
      [bomb, 'bomb.sav'],
      [pastLimit, 'past-limit.sav'],
    ] as const) {
      const res = await upload(server, attacker.token, bytes, name);
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { runId: string }).runId);
    }

    // The other user's pages and API keep answering until both runs have ended.
    let served = 0;
    for (;;) {
      const [runsPage, list] = await Promise.all([api(server.baseUrl, bystander.token, '/runs'), api(server.baseUrl, bystander.token, '/api/runs')]);
      expect([runsPage.status, list.status]).toEqual([200, 200]);
      served++;
      const runs = await Promise.all(ids.map(async (id) => (await (await api(server.baseUrl, attacker.token, `/api/runs/${id}`)).json()) as ApiRun));
      if (runs.every((r) => r.finished)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(served).toBeGreaterThan(1);

    const [bombRun, pastRun] = await Promise.all(ids.map((id) => waitForRun(server.baseUrl, attacker.token, id)));
    // Within the limits, the bomb is just a big survey: it runs to the end.
    expect(bombRun).toMatchObject({ status: 'success', error: null });
    expect(pastRun).toMatchObject({ status: 'error', error: { type: 'InputLimitError', stage: 'validation' } });
    expect(pastRun!.error?.message).toMatch(/^past-limit\.sav holds at least 25,000,001 cells .* over the limit of 25,000,000 \(SAV_MAX_CELLS\)$/);
    for (const id of ids) expect(linesOf(server, id)).toHaveLength(1);
    expect(linesOf(server, ids[1]!)[0]).toMatchObject({ outcome: 'error', error: { type: 'InputLimitError', stage: 'validation' } });

    // The same process is still serving.
    const after = await api(server.baseUrl, bystander.token, '/api/runs');
    expect(after.status).toBe(200);
    const state = await Promise.race([server.exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('running'), 100))]);
    expect(state).toBe('running');
  });
});
