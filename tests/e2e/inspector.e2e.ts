import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, signedInContext } from './browser';
import { api, waitForRun, type ApiRun } from './api';
import { focusedId, horizontalOverflow, seriousAxeViolations, WIDTHS } from './a11y';
import { CanonicalLineSchema, type CanonicalLine } from '@/lib/observability/line/canonicalSchema';
import { formatCount, formatUsd } from '@/components/inspector/format';

const baseUrl = inject('baseUrl');
const orgA = inject('orgA');
const wideSav = inject('wideSavPath');
const sentryOrgUrl = inject('sentryOrgUrl');

let browser: Browser;
let page: Page;
/** Pages checked with axe at both widths at the end (filled by the tests before). */
const pagesToCheck = new Set<string>(['/', '/runs']);

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await signedInContext(browser, baseUrl, orgA.token));
});

afterAll(async () => {
  await browser?.close();
});

async function postRun(form: FormData): Promise<string> {
  const res = await api(baseUrl, orgA.token, '/api/process-crosstab', { method: 'POST', body: form });
  expect(res.status).toBe(202);
  return ((await res.json()) as { runId: string }).runId;
}

function wideForm(): FormData {
  const form = new FormData();
  form.set('dataFile', new Blob([readFileSync(wideSav)]), 'wide-survey.sav');
  return form;
}

async function lineOf(runId: string): Promise<CanonicalLine> {
  const run = (await (await api(baseUrl, orgA.token, `/api/runs/${runId}`)).json()) as ApiRun;
  return CanonicalLineSchema.parse(JSON.parse(run.canonicalLine!));
}

const runIdOfPage = () => decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

/** Tab to the cancel button and press Enter: the confirmation opens with focus on "keep running". */
async function openCancelDialog() {
  for (let i = 0; i < 20 && (await focusedId(page)) !== 'cancel-run'; i++) await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('cancel-run');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('cancel-dialog');
  expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open, undefined, { timeout: 5_000 })).toBe(true);
  expect(await focusedId(page)).toBe('keep-running');
  return dialog;
}

/**
 * Start a large run, open its page once it is running and do `steps` there. If the steps fail and the run has meanwhile
 * finished by itself, the steps needed a running run they no longer had: try again on a new run (at most three).
 */
async function whileRunning(steps: () => Promise<void>): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const runId = await postRun(wideForm());
    await page.goto(`/runs/${encodeURIComponent(runId)}`);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toBe('running');
    try {
      await steps();
      return runId;
    } catch (err) {
      const run = (await (await api(baseUrl, orgA.token, `/api/runs/${runId}`)).json()) as ApiRun;
      if (attempt >= 3 || (run.status !== 'success' && run.status !== 'partial')) throw err;
      console.log(`[inspector] run ${runId} finished (${run.status}) before the steps were done; trying a new run`);
    }
  }
}

describe('run inspector in the browser', () => {
  it('opens the run with focus on its heading, announces the outcome, and draws the whole canonical line', async () => {
    await page.goto('/');
    await page.getByTestId('mode-example').check();
    await page.getByTestId('example-select').selectOption('brand-tracker');
    await page.getByTestId('start-run').click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    const runId = runIdOfPage();
    await expect.poll(() => focusedId(page)).toBe('run-heading');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toMatch(/^(success|partial)$/);
    await expect.poll(() => page.getByTestId('run-announcer').textContent()).toMatch(/^The run finished/);
    // Focus was on the heading (nothing the user chose): it follows the run to its result.
    await expect.poll(() => focusedId(page)).toBe('result-heading');
    expect(await page.getByTestId('progress').getAttribute('aria-valuetext')).toMatch(/^Finished: (success|partial)$/);
    expect(await page.title()).toBe('Run of brand-tracker · CrossTab');
    pagesToCheck.add(`/runs/${runId}`);

    const line = await lineOf(runId);
    // Every stage of the line, at its offset and duration, in the line's order.
    const rows = page.getByTestId('waterfall').locator('li[data-state]');
    await rows.first().waitFor();
    const drawn = await rows.evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-testid'), el.getAttribute('data-state'), el.getAttribute('data-start-ms'), el.getAttribute('data-duration-ms')]),
    );
    expect(drawn.slice(0, line.stages.length)).toEqual(line.stages.map((s) => [`stage-${s.name}`, s.status, String(s.startOffsetMs), String(s.durationMs)]));
    expect(await page.locator('.wf-call').count()).toBe(line.agentCalls.length);

    // Per-agent figures equal to the line's rollups.
    expect(Object.keys(line.agents).length).toBeGreaterThan(0);
    for (const [agent, rollup] of Object.entries(line.agents)) {
      const calls = page.getByTestId(`agent-calls-${agent}`);
      expect(await calls.getAttribute('data-calls')).toBe(String(rollup.calls));
      expect(await calls.locator('.bar-value').textContent()).toMatch(new RegExp(`^${formatCount(rollup.calls)}\\b`));
      const tokens = await page.getByTestId(`agent-tokens-${agent}`).locator('.bar-value').textContent();
      expect(tokens).toBe(
        `${formatCount(rollup.inputTokens + rollup.outputTokens)} (${formatCount(rollup.inputTokens)} in, ${formatCount(rollup.outputTokens)} out)`,
      );
      expect(await page.getByTestId(`agent-cost-${agent}`).locator('.bar-value').textContent()).toMatch(new RegExp(`^\\${formatUsd(rollup.costUsd)}`));
    }
    expect(await page.getByTestId('total-agentCalls').locator('dd').textContent()).toBe(formatCount(line.totals.agentCalls));
    expect(await page.getByTestId('total-totalTokens').locator('dd').textContent()).toBe(formatCount(line.totals.totalTokens));

    // The trace id links to the organisation's trace view; the line is shown and downloadable as it is.
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(await page.getByTestId('trace-id').textContent()).toBe(line.traceId);
    expect(await page.getByTestId('trace-link').getAttribute('href')).toBe(`${sentryOrgUrl}/explore/traces/trace/${line.traceId}/`);
    expect(JSON.parse((await page.getByTestId('canonical-line').textContent())!)).toEqual(JSON.parse(JSON.stringify(line)));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-line').click()]);
    expect(download.suggestedFilename()).toBe(`brand-tracker-${runId}.canonical.jsonl`);
    const body = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(line)));
  });

  it('lists a finished run’s outcome and figures on the runs list without a reload, and lists a 302-table run’s tables a page at a time', async () => {
    const runId = await postRun(wideForm());
    await page.goto('/runs');
    // A mark on the document: a reload (or any new document) would lose it.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    expect(await row.getAttribute('data-status')).toMatch(/^(queued|running)$/);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 180_000, interval: 500 }).toBe('success');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    const line = await lineOf(runId);
    expect(await row.getByTestId('run-outcome').textContent()).not.toMatch(/running/i);
    expect(await row.getByTestId('run-calls').textContent()).toBe(formatCount(line.totals.agentCalls));
    expect(await row.getByTestId('run-tokens').textContent()).toBe(formatCount(line.totals.totalTokens));
    expect(await row.getByTestId('run-cost').textContent()).toBe(formatUsd(line.totals.costUsd));

    const tableRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/tables')) tableRequests.push(new URL(req.url()).pathname + new URL(req.url()).search);
    });
    await row.getByRole('link').click();
    await page.waitForURL(new RegExp(`/runs/${runId}$`));
    pagesToCheck.add(`/runs/${runId}`);
    const list = page.getByTestId('table-list');
    await list.waitFor();
    expect(line.totals.tableCount).toBeGreaterThanOrEqual(300);
    expect(await list.getAttribute('data-total')).toBe(String(line.totals.tableCount));
    expect(await list.locator('li').count()).toBe(50);
    await page.getByTestId('more-tables').click();
    await expect.poll(() => list.locator('li').count()).toBe(100);
    await list.locator('li').nth(75).locator('summary').click();
    await expect.poll(() => list.locator('li').nth(75).locator('table.crosstab tbody tr').count()).toBeGreaterThan(1);
    expect(tableRequests).toEqual([
      `/api/runs/${runId}/tables?offset=0&limit=50`,
      `/api/runs/${runId}/tables?offset=50&limit=50`,
      `/api/runs/${runId}/tables/75`,
    ]);
  });

  it('cancels a running run with the keyboard alone, after a confirmation that Escape dismisses, and moves focus to the outcome', async () => {
    // Checking the running page and its dialog with axe takes seconds; on a busy machine the run may finish first. That is
    // detected (the run is no longer running) and tried again on a fresh run, never mistaken for a failure of the page.
    await whileRunning(async () => {
      expect(await page.getByTestId('progress').getAttribute('aria-label')).toBe('Run progress');
      expect(await page.getByTestId('progress').getAttribute('aria-valuetext')).toMatch(/^\d+% · /);
      expect(await page.getByRole('status').first().textContent()).toMatch(/^(Running: |The run has started)/);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        expect(await seriousAxeViolations(page), `running run at ${width} px`).toEqual([]);
        expect(await horizontalOverflow(page), `running run at ${width} px`).toBeLessThanOrEqual(0);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await openCancelDialog();
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        expect(await seriousAxeViolations(page), `cancel dialog at ${width} px`).toEqual([]);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    const runId = await whileRunning(async () => {
      const dialog = await openCancelDialog();
      await page.keyboard.press('Escape');
      expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
      expect(await focusedId(page)).toBe('cancel-run');
      expect(await page.getByTestId('run-status').textContent()).toBe('running');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('confirm-cancel');
      await page.keyboard.press('Enter');
    });
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toBe('cancelled');
    await expect.poll(() => focusedId(page)).toBe('cancelled-heading');
    expect(await page.getByTestId('run-announcer').textContent()).toBe('The run was cancelled.');
    expect((await api(baseUrl, orgA.token, `/api/runs/${runId}`).then((r) => r.json())) as ApiRun).toMatchObject({ status: 'cancelled' });
    pagesToCheck.add(`/runs/${runId}`);
  });

  it('offers a skip link first, which moves focus to the main content', async () => {
    await page.goto('/runs');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedId(page)).toBe('main');
  });

  it('moves focus to an upload error and ties it to the field it is about', async () => {
    await page.goto('/');
    await page.getByTestId('data-file').setInputFiles({ name: 'answers.csv', mimeType: 'text/csv', buffer: Buffer.from('id\n1\n') });
    await page.getByTestId('start-run').click();
    await page.getByTestId('upload-error').waitFor();
    await expect.poll(() => focusedId(page)).toBe('upload-error');
    expect(await page.getByTestId('data-file').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('data-file').getAttribute('aria-describedby')).toBe('upload-error');
    expect(await page.getByTestId('banner-file').getAttribute('aria-invalid')).toBeNull();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect(await seriousAxeViolations(page), `upload error at ${width} px`).toEqual([]);
    }
  });

  it('shows a failed run’s error with its causes', async () => {
    const form = new FormData();
    form.set('dataFile', new Blob([readFileSync('tests/fixtures/sav/truncated.sav')]), 'truncated.sav');
    const runId = await postRun(form);
    const run = await waitForRun(baseUrl, orgA.token, runId);
    expect(run.status).toBe('error');
    await page.goto(`/runs/${encodeURIComponent(runId)}`);
    const panel = page.getByTestId('error-summary');
    expect(await panel.textContent()).toContain(run.error!.type);
    const line = await lineOf(runId);
    expect(await panel.locator('[data-testid="error-causes"] li').count()).toBe(line.error?.causes?.length ?? 0);
    pagesToCheck.add(`/runs/${runId}`);
  });

  it('has no serious or critical axe violations and no sideways scrolling on any page, at 1280 and 390 px', async () => {
    const signedOut: BrowserContext = await browser.newContext({ baseURL: baseUrl });
    const outPage = await signedOut.newPage();
    const checks: Array<[Page, string]> = [
      ...[...pagesToCheck, '/runs/no-such-run'].map((p): [Page, string] => [page, p]),
      [outPage, '/signin'],
      [outPage, '/signin?error=invalid'],
    ];
    const titles = new Map<string, string>();
    for (const [p, path] of checks) {
      await p.setViewportSize({ width: WIDTHS[0], height: 900 });
      await p.goto(path);
      if ((await p.getByTestId('result').count()) > 0) await p.getByTestId('table-list').waitFor();
      titles.set(path, await p.title());
      for (const width of WIDTHS) {
        await p.setViewportSize({ width, height: 900 });
        expect(await seriousAxeViolations(p), `${path} at ${width} px`).toEqual([]);
        expect(await horizontalOverflow(p), `${path} at ${width} px`).toBeLessThanOrEqual(0);
      }
    }
    expect(Object.fromEntries(['/', '/runs', '/runs/no-such-run', '/signin'].map((path) => [path, titles.get(path)]))).toEqual({
      '/': 'New run · CrossTab',
      '/runs': 'Runs · CrossTab',
      '/runs/no-such-run': 'Not found · CrossTab',
      '/signin': 'Sign in · CrossTab',
    });
    await signedOut.close();
  });
});
