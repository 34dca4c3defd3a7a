import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBannerPlan, runBannerAgent, splitBannerPlan } from '@/agents';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { BannerGroup } from '@/lib/core/types';
import { trackerDataMap } from './fixtures';
import { FORM_NAMES, mixedPlan, prng, UNREADABLE_NAMES, type MixedPlan } from './forms/bannerPlanMix';

const SEED = 2026_12_06;
const PLANS = 1500;

beforeAll(() => setModelProvider(new LocalModelProvider()));
afterAll(() => resetModelProvider());

/** The column a plan line wrote: a list item's whole text, or a table row's first cell (its source is "cell: definition"). */
const wrote = (source: string, column: string) => source === column || source.startsWith(`${column}: `);

/** The draft banner's groups as [label, column sources]. */
const read = (groups: BannerGroup[]) => groups.map((g) => [g.label, g.columns.map((c) => c.source ?? c.label)]);

/** Where each written column ended up: in its own group, in another group, named by a warning, or nowhere. */
function fate(plan: MixedPlan, groups: BannerGroup[], warnings: readonly string[]): string[] {
  const problems: string[] = [];
  for (const expected of plan.groups) {
    for (const column of expected.columns) {
      const holders = groups.filter((g) => g.columns.some((c) => wrote(c.source ?? c.label, column)));
      const warned = warnings.some((w) => w.includes(column));
      if (holders.length === 0 && !warned) problems.push(`"${column}" (${expected.label}) silently lost`);
      for (const holder of holders)
        if (holder.label !== expected.label) problems.push(`"${column}" read into "${holder.label}" instead of "${expected.label}"`);
    }
  }
  for (const column of plan.unreadable) {
    if (!warnings.some((w) => w.includes(column))) problems.push(`"${column}" (written unreadably) named by no warning`);
    if (groups.some((g) => g.columns.some((c) => wrote(c.source ?? c.label, column)))) problems.push(`"${column}" (written unreadably) read as a column`);
  }
  // No warning about a line the reader understands.
  for (const w of warnings) if (!plan.unreadable.some((c) => w.includes(c))) problems.push(`warning about a readable line: ${w}`);
  // Nothing invented: every column read is one the plan wrote.
  const written = plan.groups.flatMap((g) => g.columns);
  for (const c of groups.flatMap((g) => g.columns))
    if (!written.some((w) => wrote(c.source ?? c.label, w))) problems.push(`column "${c.source}" is not one the plan wrote`);
  return problems;
}

describe('banner plans mixing headings, lists and tables', () => {
  it('keeps a group written as a heading and a list directly above a markdown table (the table is not the whole section)', () => {
    const booking = '## Value (Q3)\n- Top box (10)\n\n## Booking (Q4)\n- Top 2 box (3-4)\n- Rated 2 or lower\n\n';
    const table = '| Group | Column | Definition |\n| --- | --- | --- |\n| Renewal likelihood | Extremely likely to renew | Q9 = 10 |\n';
    expect(splitBannerPlan(booking + table)).toEqual([
      { heading: 'Value (Q3)', text: '- Top box (10)' },
      { heading: 'Booking (Q4)', text: '- Top 2 box (3-4)\n- Rated 2 or lower' },
      { heading: 'Renewal likelihood', text: '| Extremely likely to renew | Q9 = 10 |' },
    ]);
    const gender = '## Gender\n- Women\n- Men\n';
    expect(splitBannerPlan(`${gender}${table}`).map((s) => s.heading)).toEqual(['Gender', 'Renewal likelihood']);
    expect(splitBannerPlan(`${table}\n${gender}`).map((s) => s.heading)).toEqual(['Renewal likelihood', 'Gender']);
  });

  it('a second table with a group column in a section is split by its own header, not read into the section', () => {
    const plan = '## Region\n| Column | Definition |\n|---|---|\n| North | reg = 1 |\n\n| Group | Column |\n|---|---|\n| Gender | Men |\n| Gender | Women |\n';
    expect(splitBannerPlan(plan)).toEqual([
      { heading: 'Region', text: '| Column | Definition |\n|---|---|\n| North | reg = 1 |' },
      { heading: 'Gender', text: '| Men |\n| Women |' },
    ]);
  });

  it("the sentence introducing a table of groups is the table's note, not a group", () => {
    const plan = '# Gym survey\n\nThe columns are below.\n\n| Group | Column |\n|---|---|\n| Gender | Men |\n\n## Age\n- Young\n';
    expect(readBannerPlan(plan)).toEqual({
      sections: [
        { heading: 'Gender', text: '| Men |', lineNumbers: [7] },
        { heading: 'Age', text: '- Young', lineNumbers: [10] },
      ],
      warnings: [],
    });
  });

  it('a group written on one line is a group of its own, after a list or before one', () => {
    expect(splitBannerPlan('## Age\n- Young\n- Old\nGender: Men, Women\n')).toEqual([
      { heading: 'Age', text: '- Young\n- Old' },
      { heading: 'Gender', text: '- Men\n- Women' },
    ]);
    expect(splitBannerPlan('Tier: Basic, Premium\n1. Gender\n   a) Men\n   b) Women\n')).toEqual([
      { heading: 'Tier', text: '- Basic\n- Premium' },
      { heading: 'Gender', text: 'a) Men\n   b) Women' },
    ]);
  });

  it("a table's header row is its header whatever its words, never a column", async () => {
    const draft = await runBannerAgent('## Age\n| Subgroup | Spec |\n|---|---|\n| Young | age < 35 |\n| Old | age >= 35 |\n', trackerDataMap());
    expect(read(draft.groups)).toEqual([['Age', ['Young: age < 35', 'Old: age >= 35']]]);
  });

  it('an indented line under a list item continues its description, never dropped', async () => {
    const draft = await runBannerAgent('## Combos\n- Women aged under 35\n  (S1 = 2 and AGEGRP = 1)\n- Men\n', trackerDataMap());
    expect(draft.groups.flatMap((g) => g.columns.map((c) => [c.label, c.source]))).toEqual([
      ['Women aged under 35', 'Women aged under 35 (S1 = 2 and AGEGRP = 1)'],
      ['Men', 'Men'],
    ]);
    expect(draft.warnings).toEqual([]);
  });

  it('a line that reads as a column but is not one is named by a warning', async () => {
    const draft = await runBannerAgent('## Age\n- Young (AGEGRP = 1)\nOld (AGEGRP = 3)\n\n### Notes\nRegion (REGION = 1)\n', trackerDataMap());
    expect(read(draft.groups)).toEqual([['Age', ['Young (AGEGRP = 1)']]]);
    expect(draft.warnings).toEqual([
      expect.stringMatching(/^Banner plan line 3 "Old \(AGEGRP = 3\)" .*left out/),
      expect.stringMatching(/^Banner plan line 6 "Region \(REGION = 1\)" .*left out/),
    ]);
  });

  it(`every column of ${PLANS} generated plans reaches its group, or a warning names it if written unreadably (seed ${SEED})`, async () => {
    const random = prng(SEED);
    const failures: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < PLANS; i++) {
      const plan = mixedPlan(random);
      plan.forms.forEach((f) => seen.add(f));
      const draft = await runBannerAgent(plan.text, trackerDataMap());
      const warnings = draft.warnings ?? [];
      const problems = fate(plan, draft.groups, warnings);
      if (problems.length > 0) failures.push(`plan ${i} [${plan.forms.join(', ')}]: ${problems.join('; ')}\n${plan.text}`);
    }
    expect([...seen].sort()).toEqual([...FORM_NAMES, ...UNREADABLE_NAMES].sort());
    expect(failures.length, `${failures.length} plans of ${PLANS}`).toBe(0);
    expect(failures.slice(0, 5).join('\n\n')).toBe('');
  });
});
