import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Root of the repository (for the bundled examples). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** A run as GET /api/runs/<id> returns it (the fields the tests read). */
export interface ApiRun {
  id: string;
  dataset: string;
  status: string;
  outcome: string | null;
  finished: boolean;
  stage: string | null;
  progress: number;
  stages: Array<{ name: string; status: string }>;
  tableCount: number | null;
  durationMs: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  outputs: { workbook: string | null; tables: string | null };
  error: { type: string; message: string; stage: string | null } | null;
  canonicalLine: string | null;
}

/**
 * fetch with a bearer token. A GET is retried on a reset connection: while a run keeps the server busy,
 * an idle keep-alive socket can be closed just as the next request is sent on it.
 */
export async function api(baseUrl: string, token: string | null, route: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const retries = (init.method ?? 'GET') === 'GET' ? 3 : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(`${baseUrl}${route}`, { ...init, headers });
    } catch (err) {
      if (attempt >= retries) throw err;
    }
  }
}

/** The bytes of a bundled example's file. */
export function exampleFile(example: string, file: string): Blob {
  return new Blob([readFileSync(path.join(ROOT, 'examples', example, file))]);
}

/** Poll a run until it has finished. */
export async function waitForRun(baseUrl: string, token: string, runId: string, timeoutMs = 180_000): Promise<ApiRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api(baseUrl, token, `/api/runs/${runId}`);
    if (res.status !== 200) throw new Error(`GET run ${runId}: HTTP ${res.status}`);
    const run = (await res.json()) as ApiRun;
    if (run.finished) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Upload the bundled employee-pulse survey once per file name (the dataset is named after it) and wait until every run has finished. */
export async function finishedRuns(baseUrl: string, token: string, fileNames: string[]): Promise<ApiRun[]> {
  const ids: string[] = [];
  for (const name of fileNames) {
    const form = new FormData();
    form.set('dataFile', exampleFile('employee-pulse', 'employee-pulse.sav'), name);
    const res = await api(baseUrl, token, '/api/process-crosstab', { method: 'POST', body: form });
    if (res.status !== 202) throw new Error(`upload ${name}: HTTP ${res.status}`);
    ids.push(((await res.json()) as { runId: string }).runId);
  }
  return Promise.all(ids.map((id) => waitForRun(baseUrl, token, id)));
}
