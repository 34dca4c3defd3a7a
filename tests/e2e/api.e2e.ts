import { afterAll, describe, expect, inject, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { api, exampleFile, waitForRun, type ApiRun } from './api';
import { listExamples } from '@/lib/webRuns/examples';

const baseUrl = inject('baseUrl');
const orgA = inject('orgA');
const orgB = inject('orgB');
const viewer = inject('orgA2');
const workDir = inject('workDir');
const maxConcurrent = inject('maxConcurrentRuns');
const uploadMax = inject('uploadMaxBytes');
const examples = listExamples(path.join(__dirname, '..', '..', 'examples'));

function uploadForm(files: Record<string, Blob | [Blob, string]>): FormData {
  const form = new FormData();
  for (const [field, value] of Object.entries(files)) {
    if (Array.isArray(value)) form.set(field, value[0], value[1]);
    else form.set(field, value);
  }
  return form;
}

async function listRuns(token: string): Promise<ApiRun[]> {
  const res = await api(baseUrl, token, '/api/runs');
  expect(res.status).toBe(200);
  return ((await res.json()) as { runs: ApiRun[] }).runs;
}

const uploadsOnDisk = () => {
  const dir = path.join(workDir, 'uploads');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('API: authentication', () => {
  it('refuses requests without or with a bad token, and a viewer may not start runs', async () => {
    expect((await api(baseUrl, null, '/api/runs')).status).toBe(401);
    expect((await api(baseUrl, 'not.a.token', '/api/runs')).status).toBe(401);
    const form = uploadForm({ example: new Blob() });
    form.set('example', examples[0]!.name);
    expect((await api(baseUrl, null, '/api/process-crosstab', { method: 'POST', body: form })).status).toBe(401);
    const res = await api(baseUrl, viewer.token, '/api/process-crosstab', { method: 'POST', body: form });
    expect(res.status).toBe(403);
  });
});

describe('API: bad uploads', () => {
  it('answers a clear error for each and stores nothing', async () => {
    const before = (await listRuns(orgA.token)).length;
    const uploadsBefore = uploadsOnDisk();
    const cases: Array<[FormData, number, string]> = [
      [uploadForm({ bannerPlan: [new Blob(['# banner']), 'banner.md'] }), 400, 'missing_data_file'],
      [uploadForm({ dataFile: [new Blob(['id,age\n1,30']), 'data.csv'] }), 415, 'wrong_file_type'],
      [uploadForm({ dataFile: [new Blob([new Uint8Array(uploadMax + 1).fill(36)]), 'huge.sav'] }), 413, 'file_too_large'],
      [uploadForm({ dataFile: [new Blob(['id,age\n1,30']), 'renamed.sav'] }), 415, 'not_a_sav_file'],
      [
        uploadForm({ dataFile: [exampleFile(examples[0]!.name, examples[0]!.savFile), 'ok.sav'], survey: [new Blob(['x']), 'survey.pdf'] }),
        415,
        'wrong_file_type',
      ],
    ];
    for (const [form, status, code] of cases) {
      const res = await api(baseUrl, orgA.token, '/api/process-crosstab', { method: 'POST', body: form });
      expect(res.status, code).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(10);
    }
    const unknown = new FormData();
    unknown.set('example', '../../etc');
    expect((await api(baseUrl, orgA.token, '/api/process-crosstab', { method: 'POST', body: unknown })).status).toBe(400);
    expect((await listRuns(orgA.token)).length).toBe(before);
    expect(uploadsOnDisk()).toEqual(uploadsBefore);
  });
});

describe('API: several runs at once', () => {
  const started: string[] = [];
  afterAll(async () => {
    // leave nothing running for the other test files
    for (const id of started) await api(baseUrl, orgA.token, `/api/runs/${id}/cancel`, { method: 'POST' });
  });

  it('accepts concurrent uploads, runs at most MAX_CONCURRENT_RUNS at once, and finishes each with its own result', async () => {
    const forms: FormData[] = [];
    for (const ex of examples) {
      const byName = new FormData();
      byName.set('example', ex.name);
      forms.push(byName);
      const files: Record<string, [Blob, string]> = { dataFile: [exampleFile(ex.name, ex.savFile), `${ex.name}-upload.sav`] };
      if (ex.hasBanner) files.bannerPlan = [exampleFile(ex.name, path.basename(ex.inputs.bannerPath!)), 'banner.md'];
      if (ex.hasSurvey) files.survey = [exampleFile(ex.name, path.basename(ex.inputs.surveyPath!)), 'survey.md'];
      forms.push(uploadForm(files));
    }
    expect(forms.length).toBeGreaterThan(maxConcurrent);

    const t0 = Date.now();
    const responses = await Promise.all(forms.map((body) => api(baseUrl, orgA.token, '/api/process-crosstab', { method: 'POST', body })));
    expect(Date.now() - t0).toBeLessThan(10_000);
    const ids: string[] = [];
    for (const res of responses) {
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { runId: string }).runId);
    }
    started.push(...ids);
    expect(new Set(ids).size).toBe(ids.length);

    let peakRunning = 0;
    for (;;) {
      const mine = (await listRuns(orgA.token)).filter((r) => ids.includes(r.id));
      peakRunning = Math.max(peakRunning, mine.filter((r) => r.status === 'running').length);
      if (mine.every((r) => r.finished)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(peakRunning).toBeLessThanOrEqual(maxConcurrent);

    const runs = await Promise.all(ids.map((id) => waitForRun(baseUrl, orgA.token, id)));
    // From the recorded timings: how many runs were executing at the same moment, at most.
    const edges = runs.flatMap((r) => [
      { at: Date.parse(r.startedAt!), delta: 1 },
      { at: Date.parse(r.finishedAt!), delta: -1 },
    ]);
    edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let overlap = 0;
    let peakOverlap = 0;
    for (const e of edges) peakOverlap = Math.max(peakOverlap, (overlap += e.delta));
    expect(peakOverlap).toBe(maxConcurrent);
    const pipelineIds = new Set<string>();
    for (const run of runs) {
      expect(run, JSON.stringify(run.error)).toMatchObject({ status: 'success', error: null });
      expect(run.tableCount).toBeGreaterThan(0);
      const line = JSON.parse(run.canonicalLine!) as Record<string, unknown>;
      expect(line).toMatchObject({ kind: 'pipeline.run', source: 'web', orgId: 'acme', outcome: 'success' });
      pipelineIds.add(String(line.pipelineId));
      const workbook = await api(baseUrl, orgA.token, run.outputs.workbook!);
      expect(workbook.status).toBe(200);
      expect(
        Buffer.from(await workbook.arrayBuffer())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
      const tables = (await (await api(baseUrl, orgA.token, run.outputs.tables!)).json()) as unknown[];
      expect(tables.length).toBe(run.tableCount);
    }
    expect(pipelineIds.size).toBe(runs.length);
  });
});

describe('API: org isolation', () => {
  it('gives another org 404 for a run, its events, tables, workbook and cancel, and never lists it', async () => {
    const form = new FormData();
    form.set('example', examples[0]!.name);
    const res = await api(baseUrl, orgA.token, '/api/process-crosstab', { method: 'POST', body: form });
    const { runId } = (await res.json()) as { runId: string };
    const run = await waitForRun(baseUrl, orgA.token, runId);
    expect(run.status).toBe('success');
    for (const route of [`/api/runs/${runId}`, `/api/runs/${runId}/events`, `/api/runs/${runId}/tables`, `/api/runs/${runId}/workbook`]) {
      expect((await api(baseUrl, orgB.token, route)).status, route).toBe(404);
    }
    expect((await api(baseUrl, orgB.token, `/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(404);
    expect((await listRuns(orgB.token)).map((r) => r.id)).not.toContain(runId);
    expect((await api(baseUrl, orgA.token, `/api/runs/${runId}`)).status).toBe(200);
    expect((await api(baseUrl, orgA.token, `/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(409);
  });
});
