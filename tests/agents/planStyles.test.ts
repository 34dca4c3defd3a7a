import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBannerAgent, runCrosstabAgent } from '@/agents';
import { compileFilter } from '@/lib/filters';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { readSavFile } from '@/lib/sav';
import type { Banner, DataMap, SavDataset } from '@/lib/core/types';
import { trackerDataMap } from './fixtures';
import { parkSurveyInMemory, psppToFilter } from '../support/parkSurvey';
import { BANNER_PLANS } from '../support/parkSurveyDocs';

const examples = path.resolve(__dirname, '../../examples');

/** The rows a filter selects, as their indexes. */
function selected(expression: string, dataset: SavDataset): number[] {
  const predicate = compileFilter(expression, dataset.variables);
  return Array.from({ length: dataset.cases.count }, (_, i) => i).filter((i) => predicate(dataset.cases, i));
}

/** Markup and spacing the plan's reader removes, removed from a text so a label can be found in it. */
const plain = (text: string) =>
  text
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();

/** Every column label of a banner must be the plan's own words. */
function expectLabelsFromPlan(banner: Banner, plan: string): void {
  for (const column of banner.groups.flatMap((g) => g.columns)) expect(plain(plan), `column "${column.label}"`).toContain(plain(column.label));
}

describe('banner plans in the forms people write (park-visits survey, local model)', () => {
  const dataset = parkSurveyInMemory();
  let dataMap: DataMap;
  beforeAll(() => {
    setModelProvider(new LocalModelProvider());
    dataMap = buildDataMap(dataset);
  });
  afterAll(() => resetModelProvider());

  it.each(BANNER_PLANS.map((p) => [p.name, p] as const))('%s: every column mapped to the right respondents or dropped with a warning', async (_name, plan) => {
    const draft = await runBannerAgent(plan.text, dataMap, { bannerFile: 'banner.md' });
    const { banner, warnings } = await runCrosstabAgent(draft, dataMap, { bannerFile: 'banner.md' });
    const columns = banner.groups.flatMap((g) => g.columns);
    expect(columns.map((c) => c.label)).toEqual(plan.columns.filter((c) => c.pspp !== null).map((c) => c.label));
    for (const expected of plan.columns) {
      const column = columns.find((c) => c.label === expected.label);
      if (expected.pspp === null) {
        expect(column, expected.label).toBeUndefined();
        expect(
          warnings.some((w) => w.includes(`"${expected.label}"`)),
          `a warning names "${expected.label}"`,
        ).toBe(true);
        continue;
      }
      expect(selected(column!.expression, dataset), `${expected.label}: ${column!.expression}`).toEqual(selected(psppToFilter(expected.pspp), dataset));
    }
    expect(warnings).toHaveLength(plan.columns.filter((c) => c.pspp === null).length + (plan.name.includes('unreadable') ? 1 : 0));
    expectLabelsFromPlan(banner, plan.text);
  });

  it('a sentence listing groups never becomes one column named after its first word', async () => {
    const plan = '# Banner\n\nColumns: Gender (Men, Women) and Region (North, South).\n';
    const { banner } = await runCrosstabAgent(await runBannerAgent(plan, dataMap), dataMap);
    expect(banner.groups.map((g) => [g.label, g.columns.map((c) => c.label)])).toEqual([
      ['Gender', ['Men', 'Women']],
      ['Region', ['North', 'South']],
    ]);
  });

  it('a description naming several categories, or a condition the words add to, is dropped with a warning, never read in part', async () => {
    const plan =
      '## Mixed\n- Men in the north\n- Dog owners (q5 = 1) unless they live in the capital\n- Regular visitors: q3 = 1 or 2, see also q1 = 1\n- Women (sex = 2)\n';
    const { banner, warnings } = await runCrosstabAgent(await runBannerAgent(plan, dataMap), dataMap);
    expect(banner.groups.flatMap((g) => g.columns.map((c) => [c.label, c.expression]))).toEqual([['Women', 'sex == 2']]);
    expect(warnings).toEqual([
      expect.stringMatching(/^Banner column "Men in the north" .*dropped: a partial match \(the description names several categories/),
      expect.stringMatching(/^Banner column "Dog owners \(q5 = 1\) unless they live in the capital" .*dropped: a partial match/),
      expect.stringMatching(/^Banner column "Regular visitors" .*dropped: a partial match .*more than one condition/),
    ]);
  });

  it("the bundled examples' column labels are their plans' own words", async () => {
    for (const name of ['brand-tracker', 'commuter-survey']) {
      const plan = readFileSync(path.join(examples, name, 'banner.md'), 'utf8');
      const map = buildDataMap(await readSavFile(path.join(examples, name, `${name}.sav`)));
      const { banner, warnings } = await runCrosstabAgent(await runBannerAgent(plan, map), map);
      expect(warnings, name).toEqual([]);
      expectLabelsFromPlan(banner, plan);
    }
  });

  it("the test plans' column labels are their own words, whatever their form", async () => {
    const plans = [
      '# Banner plan\n\nTotals first.\n\n## Gender\n- Male (S1 = 1)\n- Female: S1=2\n\n## Age\n- Aged 18 to 34\n- 55 and over\n\nGroup: Region\n- North region\n- South region\n\n## Odd ones\n- Left-handed people\n',
      'Group: Gender\n- Male\n- Female\n**Region**\n- North\n',
      '1. Gender\n   - Male\n   - Female\n2. Age\n   - Aged 18 to 34\n',
      '| Group | Column | Definition |\n|---|---|---|\n| Gender | Male | S1 = 1 |\n| Gender | Female | S1 = 2 |\n| Region | North | REGION = 1 |',
      'Banner: Gender (Male, Female), Age group (18-34, 55+) and Region (North, South).',
      'Gender: **Male**, **Female**\nRegion: North region; South region\nAge: Under 35 (S2 < 35), 35 or older (S2 >= 35)\n',
      '## Gender\nMale, Female\n\n## Service\n- Contacted customer service (Q6 = 1)\n- Did not contact customer service\n',
      '# Banner\n\n## Gender\n- Male (S1 = 1)\n- Female (S1 = 2)\n\n## Loyalty tier\n- Gold loyalty members\n- Silver loyalty members\n',
    ];
    const map = trackerDataMap();
    for (const plan of plans) {
      const { banner } = await runCrosstabAgent(await runBannerAgent(plan, map), map);
      expect(banner.groups.length, plan).toBeGreaterThan(0);
      expectLabelsFromPlan(banner, plan);
    }
  });
});
