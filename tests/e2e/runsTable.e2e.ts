import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signedInContext } from './browser';
import { finishedRuns } from './api';
import { horizontalOverflow, WIDTHS } from './a11y';
import { brokenText } from './brokenText';

const baseUrl = inject('baseUrl');
const orgA = inject('orgA');

/** Cells whose whole text stays on one line: the column headers and the numbers. */
const ONE_LINE = ['thead th', ...['Duration', 'Calls', 'Tokens', 'Cost', 'Tables', 'Warnings'].map((label) => `td[data-label="${label}"]`)].join(', ');

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await signedInContext(browser, baseUrl, orgA.token));
  // Several runs, with dataset names of the lengths people give their files.
  await finishedRuns(baseUrl, orgA.token, ['employee-pulse.sav', 'brand-tracker-q3-2025.sav', 'commuter-survey.sav', 'wellbeing.sav']);
});

afterAll(async () => {
  await browser?.close();
});

describe('runs table', () => {
  // And a width where the table is wider than its card and scrolls sideways inside it.
  for (const width of [...WIDTHS, 800]) {
    it(`splits no word, header or number over two lines, and keeps each value beside its label, at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/runs');
      const rows = page.getByTestId('run-row');
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4);
      expect(await brokenText(page, 'table.runs th, table.runs td', ONE_LINE)).toEqual([]);
      expect(await horizontalOverflow(page), `page at ${width} px`).toBeLessThanOrEqual(0);
      // On a phone each cell is a row of a card: its label, then its value on the same grid row.
      const cellsOverSeveralRows = await page
        .locator('table.runs td[data-label]')
        .evaluateAll((cells) =>
          cells
            .filter((c) => getComputedStyle(c).display === 'grid' && getComputedStyle(c).gridTemplateRows.split(' ').length > 1)
            .map((c) => c.getAttribute('data-label')),
        );
      expect(cellsOverSeveralRows).toEqual([]);
    });
  }
});
