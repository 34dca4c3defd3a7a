import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, parseLine, readFailureRecords } from './pipelineHarness';
import { makeDataset, runCli, singleStdoutLine } from '../cli/cliHarness';

let tmp: string;
const SAV = path.join(EXAMPLES, 'brand-tracker', 'brand-tracker.sav');
const RUN_LIMIT_MS = 90_000;

/**
 * A plan shaped like analysts' plans that mix forms: a title and a note, a group on one line, groups as headings over
 * lists, one of them directly above a table of groups, and more headings over lists after the table. Nine groups.
 */
const PLAN = `# Brand tracker – banner plan (wave 2)

Total first.

Region: North region, South region, East region, West region

## Gender
- Male (S1 = 1)
- Female (S1 = 2)

## Age
- Aged 18 to 34
- Aged 35 to 54
- 55 and over

## Satisfaction (Q3)
- Very satisfied (Q3 = 5)
- Dissatisfied (Q3 = 1-2)

## Customer service (Q6)
- Contacted customer service (Q6 = 1)
- Did not contact customer service (Q6 = 2)

| Group | Column | Definition |
| --- | --- | --- |
| First-mentioned brand | Alpha first | Q1 = 1 |
| First-mentioned brand | Bravo first | Q1 = 2 |

## Recommend (Q5)
- Promoters (Q5 = 9-10)
- Detractors (Q5 = 0-6)

## Stores visited
- One store (STORES = 1)
- Two or more stores (STORES = 2-3)

## Brand used (Q2)
- Used Alpha
- Used Bravo
`;

/** Every [group, column] the plan writes, in order. */
const COLUMNS: Array<[string, string]> = [
  ['Region', 'North region'],
  ['Region', 'South region'],
  ['Region', 'East region'],
  ['Region', 'West region'],
  ['Gender', 'Male'],
  ['Gender', 'Female'],
  ['Age', 'Aged 18 to 34'],
  ['Age', 'Aged 35 to 54'],
  ['Age', '55 and over'],
  ['Satisfaction (Q3)', 'Very satisfied'],
  ['Satisfaction (Q3)', 'Dissatisfied'],
  ['Customer service (Q6)', 'Contacted customer service'],
  ['Customer service (Q6)', 'Did not contact customer service'],
  ['First-mentioned brand', 'Alpha first'],
  ['First-mentioned brand', 'Bravo first'],
  ['Recommend (Q5)', 'Promoters'],
  ['Recommend (Q5)', 'Detractors'],
  ['Stores visited', 'One store'],
  ['Stores visited', 'Two or more stores'],
  ['Brand used (Q2)', 'Used Alpha'],
  ['Brand used (Q2)', 'Used Bravo'],
];

/** The banner columns of a run's tables.json, as [group, label], without the total. */
function bannerColumns(outDir: string): Array<[string, string]> {
  const tables = JSON.parse(readFileSync(path.join(outDir, 'tables.json'), 'utf8')) as {
    tables: Array<{ columns: Array<{ id: string; group: string; label: string }> }>;
  };
  return tables.tables[0]!.columns.filter((c) => c.id !== 'total').map((c) => [c.group, c.label]);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-plan-groups-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.concurrent('a banner plan mixing headings, lists and a table of groups, through the CLI', () => {
  it('reads all nine groups, the one above the table included, and every column reaches the tables in its group', async () => {
    const dataset = makeDataset(path.join(tmp, 'mixed'), { 'brand-tracker.sav': SAV }, { 'banner.md': PLAN });
    const out = path.join(tmp, 'mixed-out');
    const r = await runCli([dataset, '--out', out], { timeoutMs: RUN_LIMIT_MS });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✓ BannerAgent \S+ \(9 groups, plan\)/);
    const line = parseLine(singleStdoutLine(r.stdout));
    expect(line.banner).toMatchObject({ origin: 'plan', groups: 9, columns: COLUMNS.length });
    expect(bannerColumns(out)).toEqual(COLUMNS);
    expect(r.stderr).not.toContain('warning (BannerAgent)');
  });

  it('a line that writes a column but is in no group makes the run partial, with a warning naming the line', async () => {
    const stray = PLAN.replace('- Used Bravo\n', '- Used Bravo\nLapsed buyers (Q1 = 6)\n');
    const dataset = makeDataset(path.join(tmp, 'stray'), { 'brand-tracker.sav': SAV }, { 'banner.md': stray });
    const out = path.join(tmp, 'stray-out');
    const r = await runCli([dataset, '--out', out], { timeoutMs: RUN_LIMIT_MS });
    expect(r.code, r.stderr).toBe(0);
    expect(parseLine(singleStdoutLine(r.stdout)).outcome).toBe('partial');
    expect(r.stderr).toMatch(/^! warning \(BannerAgent\): Banner plan line 40 "Lapsed buyers \(Q1 = 6\)" left out: /m);
    const records = readFailureRecords(out).filter((f) => f.stage === 'BannerAgent');
    expect(records.map((f) => [f.actionTaken, f.message])).toEqual([['dropped-item', expect.stringContaining('"Lapsed buyers (Q1 = 6)"')]]);
    expect(bannerColumns(out)).toEqual(COLUMNS);
  });
});
