import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signedInContext } from './browser';
import { api, waitForRun, type ApiRun } from './api';
import { listExamples } from '@/lib/webRuns/examples';

const baseUrl = inject('baseUrl');
const orgA = inject('orgA');
const orgB = inject('orgB');
const workDir = inject('workDir');
const uploadMax = inject('uploadMaxBytes');
const wideSav = inject('wideSavPath');
const examples = listExamples(path.join(__dirname, '..', '..', 'examples'));

let browser: Browser;
let page: Page;
const finishedRunIds: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await signedInContext(browser, baseUrl, orgA.token));
});

afterAll(async () => {
  await browser?.close();
});

async function startExample(name: string): Promise<string> {
  await page.goto('/');
  await page.getByTestId('mode-example').check();
  await page.getByTestId('example-select').selectOption(name);
  await page.getByTestId('start-run').click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

describe('analyst in the browser', () => {
  it('is signed in through the real token path', async () => {
    await expect.poll(() => page.getByTestId('who').textContent()).toContain('ana@acme.test');
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    it(`runs the bundled example ${example.name}: live progress, tables, workbook download`, async () => {
      const runId = await startExample(example.name);
      let reloads = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) reloads++;
      });
      const statuses = new Set<string>();
      const progressSeen = new Set<string>();
      for (;;) {
        const status = (await page.getByTestId('run-status').textContent()) ?? '';
        statuses.add(status);
        progressSeen.add((await page.getByTestId('progress').getAttribute('aria-valuenow')) ?? '');
        if (['success', 'partial', 'error', 'cancelled'].includes(status)) break;
        await page.waitForTimeout(50);
      }
      expect([...statuses].at(-1)).toBe('success');
      expect(reloads).toBe(0);
      expect(await page.getByTestId('progress').getAttribute('aria-valuenow')).toBe('100');
      expect(await page.getByTestId('stage-validation').getAttribute('data-state')).toBe('ok');
      expect(await page.getByTestId('stage-ExcelExport').getAttribute('data-state')).toBe('ok');

      const run = (await (await api(baseUrl, orgA.token, `/api/runs/${runId}`)).json()) as ApiRun;
      expect(run.tableCount).toBeGreaterThan(0);
      const items = page.getByTestId('table-list').locator('li');
      await expect.poll(() => items.count()).toBe(Math.min(run.tableCount!, 50));
      await items.first().locator('summary').click();
      await expect.poll(() => items.first().locator('table.crosstab tbody tr').count()).toBeGreaterThan(1);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-workbook').click()]);
      expect(download.suggestedFilename()).toMatch(/crosstabs\.xlsx$/);
      const file = path.join(workDir, `${runId}.xlsx`);
      await download.saveAs(file);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
      expect(workbook.worksheets.length).toBeGreaterThan(0);

      await page.goto('/runs');
      expect(await page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`).count()).toBe(1);
      finishedRunIds.push(runId);
    });
  }

  it('cancels a queued run from its page (it never starts)', async () => {
    // Two long runs take both slots, so the run started next waits in the queue.
    // Sent at once, each on its own connection, before the runs keep the server busy.
    const responses = await Promise.all(
      [1, 2].map(() => {
        const form = new FormData();
        form.set('dataFile', new Blob([readFileSync(wideSav)]), 'wide-survey.sav');
        return api(baseUrl, orgA.token, '/api/process-crosstab', { method: 'POST', body: form });
      }),
    );
    const blockers: string[] = [];
    for (const res of responses) {
      expect(res.status).toBe(202);
      blockers.push(((await res.json()) as { runId: string }).runId);
    }
    const runId = await startExample(examples[0]!.name);
    expect(await page.getByTestId('run-status').textContent()).toBe('queued');
    await page.getByTestId('cancel-run').click();
    await page.getByTestId('confirm-cancel').click();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('cancelled');
    await page.getByTestId('cancelled-notice').waitFor();
    expect(await page.getByTestId('cancel-run').count()).toBe(0);
    const run = (await (await api(baseUrl, orgA.token, `/api/runs/${runId}`)).json()) as ApiRun;
    expect(run).toMatchObject({ status: 'cancelled', outcome: 'cancelled', error: null, startedAt: null });
    for (const id of blockers) await waitForRun(baseUrl, orgA.token, id);
  });

  it('uploads a large survey and cancels it while the pipeline is running', async () => {
    await page.goto('/');
    await page.getByTestId('data-file').setInputFiles(wideSav);
    await page.getByTestId('start-run').click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    // Cancel as soon as the page shows the run executing; a run of this size takes several seconds.
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toBe('running');
    await page.getByTestId('cancel-run').click();
    await page.getByTestId('confirm-cancel').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toBe('cancelled');
    // The pipeline stopped where the cancel reached it: nothing is left running and the export never completed.
    expect(await page.locator('[data-testid^="stage-"][data-state="running"]').count()).toBe(0);
    expect(await page.locator('[data-testid^="stage-"][data-state="error"]').count()).toBe(0);
    expect(await page.getByTestId('stage-ExcelExport').getAttribute('data-state')).not.toBe('ok');
    const run = (await (await api(baseUrl, orgA.token, `/api/runs/${runId}`)).json()) as ApiRun;
    expect(run).toMatchObject({ status: 'cancelled', outcome: 'cancelled', error: null, dataset: 'wide-survey' });
    expect(run.startedAt).not.toBeNull();
    expect(run.outputs.workbook).toBeNull();
    expect(JSON.parse(run.canonicalLine!)).toMatchObject({ outcome: 'cancelled', source: 'web' });
  });

  it('shows a clear error on the page for each bad upload and starts nothing', async () => {
    const runsBefore = ((await (await api(baseUrl, orgA.token, '/api/runs')).json()) as { runs: unknown[] }).runs.length;
    const uploads = path.join(workDir, 'uploads');
    const storedUploads = () => (existsSync(uploads) ? readdirSync(uploads).sort() : []);
    const uploadsBefore = storedUploads();
    const savBytes = readFileSync(path.join(__dirname, '..', '..', 'examples', examples[0]!.name, examples[0]!.savFile));
    const cases: Array<{ files: Record<string, { name: string; mimeType: string; buffer: Buffer }>; message: RegExp }> = [
      { files: { 'data-file': { name: 'answers.csv', mimeType: 'text/csv', buffer: Buffer.from('id,age\n1,30\n') } }, message: /wrong type.*\.sav/i },
      { files: { 'data-file': { name: 'huge.sav', mimeType: 'application/octet-stream', buffer: Buffer.alloc(uploadMax + 1, 36) } }, message: /limit is/i },
      { files: { 'banner-file': { name: 'banner.md', mimeType: 'text/markdown', buffer: Buffer.from('# Banner\n') } }, message: /choose an spss \.sav/i },
      { files: {}, message: /choose an spss \.sav/i },
      {
        files: { 'data-file': { name: 'renamed.sav', mimeType: 'application/octet-stream', buffer: Buffer.from('id,age\n1,30\n') } },
        message: /not a valid spss/i,
      },
      {
        files: {
          'data-file': { name: 'ok.sav', mimeType: 'application/octet-stream', buffer: savBytes },
          'survey-file': { name: 'survey.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') },
        },
        message: /survey document.*wrong type/i,
      },
    ];
    for (const c of cases) {
      await page.goto('/');
      for (const [testId, file] of Object.entries(c.files)) await page.getByTestId(testId).setInputFiles(file);
      await page.getByTestId('start-run').click();
      const alert = page.getByTestId('upload-error');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(c.message);
      expect(new URL(page.url()).pathname).toBe('/');
    }
    const runsAfter = ((await (await api(baseUrl, orgA.token, '/api/runs')).json()) as { runs: unknown[] }).runs.length;
    expect(runsAfter).toBe(runsBefore);
    expect(storedUploads()).toEqual(uploadsBefore);
  });

  it('does not let another org see a run, in the browser or through the API', async () => {
    const runId = finishedRunIds[0]!;
    const other = await signedInContext(browser, baseUrl, orgB.token);
    const response = await other.page.goto(`/runs/${encodeURIComponent(runId)}`);
    expect(response?.status()).toBe(404);
    await other.page.getByTestId('not-found').waitFor();
    expect(await other.page.getByTestId('run-status').count()).toBe(0);
    await other.page.goto('/runs');
    expect(await other.page.locator(`[data-run-id="${runId}"]`).count()).toBe(0);
    const download = await other.page.request.get(`/api/runs/${encodeURIComponent(runId)}/workbook`);
    expect(download.status()).toBe(404);
    expect((await api(baseUrl, orgB.token, `/api/runs/${runId}`)).status).toBe(404);
    await other.context.close();
  });
});
