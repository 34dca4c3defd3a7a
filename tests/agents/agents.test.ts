import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mapWithConcurrency,
  runBannerAgent,
  runBannerGenerateAgent,
  runCrosstabAgent,
  runFilterTranslatorAgent,
  runLoopSemanticsPolicyAgent,
  runSkipLogicAgent,
  runVerificationAgent,
} from '@/agents';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { PipelineInputError, isCancellation } from '@/lib/core/PipelineErrors';
import type { Banner, TableDefinition } from '@/lib/core/types';
import { pulseDataMap, RecordingProvider, trackerDataMap } from './fixtures';

const PLAN = `# Banner plan

Totals first.

## Gender
- Male (S1 = 1)
- Female: S1=2

## Age
- Aged 18 to 34
- 55 and over

Group: Region
- North region
- South region

## Odd ones
- Left-handed people
`;

let provider: RecordingProvider;
beforeEach(() => {
  provider = new RecordingProvider();
  setModelProvider(provider);
});
afterEach(() => resetModelProvider());

describe('BannerAgent + CrosstabAgent', () => {
  it('makes one call per group and maps columns, dropping unmatched ones with a warning', async () => {
    const dm = trackerDataMap();
    const banner = await runBannerAgent(PLAN, dm, { bannerFile: 'banner.md' });
    expect(banner.origin).toBe('plan');
    expect(banner.groups.map((g) => g.label)).toEqual(['Gender', 'Age', 'Region', 'Odd ones']);
    expect(provider.requests.map((r) => r.task)).toEqual(['group 1/4', 'group 2/4', 'group 3/4', 'group 4/4']);
    expect(provider.requests[0]!.prompt).toContain('Male (S1 = 1)');
    expect(banner.groups.flatMap((g) => g.columns).every((c) => c.expression === '')).toBe(true);

    provider.requests.length = 0;
    const { banner: mapped, warnings } = await runCrosstabAgent(banner, dm, { bannerFile: 'banner.md' });
    expect(provider.requests).toHaveLength(4);
    expect(provider.requests.every((r) => r.agent === 'CrosstabAgent')).toBe(true);
    expect(mapped.groups.map((g) => g.columns.map((c) => c.expression))).toEqual([
      ['S1 == 1', 'S1 == 2'],
      ['AGEGRP == 1', 'AGEGRP == 3'],
      ['REGION == 1', 'REGION == 2'],
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/Left-handed people/);
    expect(warnings[1]).toMatch(/Odd ones/);
  });

  it('fails with a PipelineInputError naming the banner file and the missing variable', async () => {
    const dm = trackerDataMap();
    const banner = await runBannerAgent('## Usage\n- Heavy users (ZZ9 = 1)\n- Light users (ZZ9 = 2)', dm);
    const err = await runCrosstabAgent(banner, dm, { bannerFile: 'banner.md' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PipelineInputError);
    expect((err as Error).message).toBe('banner.md: column "Heavy users" refers to variable ZZ9, which is not in the data');
    expect((err as PipelineInputError).file).toBe('banner.md');
  });

  it('rejects a plan without any banner group', async () => {
    await expect(runBannerAgent('Just some notes.', trackerDataMap(), { bannerFile: 'plan.txt' })).rejects.toThrow(/plan\.txt: no banner/);
  });

  it('leaves groups that already have expressions alone', async () => {
    const banner: Banner = {
      origin: 'generated',
      groups: [{ id: 'g1', label: 'Dept', columns: [{ id: 'g1c1', label: 'Sales', expression: 'DEPT == 1', confidence: 0.9 }] }],
    };
    const { banner: out } = await runCrosstabAgent(banner, pulseDataMap());
    expect(out).toEqual(banner);
    expect(provider.requests).toHaveLength(0);
  });
});

describe('BannerGenerateAgent', () => {
  it('proposes segment groups from the data map, one call per candidate', async () => {
    const banner = await runBannerGenerateAgent(pulseDataMap());
    expect(banner.origin).toBe('generated');
    // SITE is a candidate but answered by too few; E1 (agree scale) and ENPS are never candidates.
    expect(provider.requests.map((r) => (r.input as { questionId: string }).questionId)).toEqual(['DEPT', 'ROLE', 'TENURE', 'SITE']);
    expect(banner.groups.map((g) => g.label)).toEqual(['Department', 'Role', 'Tenure']);
    expect(banner.groups[0]!.columns[1]).toMatchObject({ id: 'g1c2', label: 'Engineering', expression: 'DEPT == 2' });
  });
});

describe('SkipLogicAgent + FilterTranslatorAgent', () => {
  const SURVEY = `# Survey
## Screener
### S1. Gender?
[ASK ALL]
1. Male
### Q4. Why satisfied?
[ASK IF Q3 = 4 OR 5]
### Q7. Service satisfaction
Ask only those who contacted customer service (Q6 = 1).
### Q8. Channels
Ask only those who contacted customer service (Q6 = 1). Multiple answers allowed.
### Q10. Store rating
[LOOP FOR EACH STORE VISITED, UP TO 3]
### Q12. Not in data
[ASK IF Q6 = 1]
`;

  it('calls once per routed section and once per rule', async () => {
    const dm = trackerDataMap();
    const rules = await runSkipLogicAgent(SURVEY, dm);
    expect(provider.requests.map((r) => r.task)).toEqual(['section 1/4', 'section 2/4', 'section 3/4', 'section 4/4']);
    expect(rules).toEqual([
      { id: 'R1', appliesTo: ['Q4'], conditionText: 'ASK IF Q3 = 4 OR 5' },
      { id: 'R2', appliesTo: ['Q7'], conditionText: 'Ask only those who contacted customer service (Q6 = 1).' },
      { id: 'R3', appliesTo: ['Q8'], conditionText: 'Ask only those who contacted customer service (Q6 = 1).' },
    ]);

    provider.requests.length = 0;
    const translated = await runFilterTranslatorAgent([...rules, { id: 'R4', appliesTo: ['Q7'], conditionText: 'Ask those who like it' }], dm);
    expect(provider.requests).toHaveLength(4);
    expect(translated.map((r) => [r.expression, r.confidence])).toEqual([
      ['Q3 in (4, 5)', 0.95],
      ['Q6 == 1', 0.85],
      ['Q6 == 1', 0.85],
      [undefined, 0],
    ]);
  });
});

describe('VerificationAgent', () => {
  it('reviews each table with one call and applies NETs, titles and flags', async () => {
    const dm = trackerDataMap();
    const table = (id: string, questionId: string, codes: number[], over: Partial<TableDefinition> = {}): TableDefinition => ({
      id,
      questionId,
      title: `${questionId}: ${dm.questions.find((q) => q.id === questionId)!.label}`,
      kind: 'single',
      variables: [questionId],
      rows: codes.map((c) => ({ id: `${id}_${c}`, label: String(c), codes: [c] })),
      baseLabel: 'All respondents',
      notes: [],
      ...over,
    });
    const out = await runVerificationAgent([table('t1', 'Q3', [1, 2, 3, 4, 5]), table('t2', 'REGION', [1, 2, 3, 4])], dm);
    expect(provider.requests.map((r) => r.task)).toEqual(['table 1/2', 'table 2/2']);
    expect(out[0]!.rows.filter((r) => r.isNet)).toEqual([
      { id: 't1_net1', label: 'Top 2 box (NET)', codes: [4, 5], isNet: true },
      { id: 't1_net2', label: 'Bottom 2 box (NET)', codes: [1, 2], isNet: true },
    ]);
    expect(out[0]!.notes.some((n) => n.includes('Top 2 box'))).toBe(true);
    expect(out[1]!.rows).toHaveLength(4);
    expect(out[1]!.lowValue).toBe(false);
  });
});

describe('LoopSemanticsPolicyAgent', () => {
  it('returns one policy per looped question and makes no call without loops', async () => {
    const policies = await runLoopSemanticsPolicyAgent(trackerDataMap());
    expect(policies).toEqual([{ loopId: 'L', variables: ['Q10_L1', 'Q10_L2', 'Q10_L3'], policy: 'stacked', reason: expect.any(String) }]);
    expect(provider.requests).toHaveLength(1);
    expect(await runLoopSemanticsPolicyAgent(pulseDataMap())).toEqual([]);
    expect(provider.requests).toHaveLength(1);
  });
});

describe('concurrency and cancellation', () => {
  it('keeps at most 4 calls in flight', async () => {
    const slow = new RecordingProvider(5);
    setModelProvider(slow);
    const dm = trackerDataMap();
    const rules = Array.from({ length: 10 }, (_, i) => ({ id: `R${i}`, appliesTo: ['Q4'], conditionText: 'Q3 = 4' }));
    await runFilterTranslatorAgent(rules, dm);
    expect(slow.requests).toHaveLength(10);
    expect(slow.maxInFlight).toBe(4);
  });

  it('throws cancellation unchanged and stops making calls', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await runVerificationAgent([], trackerDataMap(), { signal: ac.signal }).catch((e: unknown) => e);
    expect(isCancellation(err)).toBe(true);

    const slow = new RecordingProvider(5);
    setModelProvider(slow);
    const ac2 = new AbortController();
    const rules = Array.from({ length: 12 }, (_, i) => ({ id: `R${i}`, appliesTo: ['Q4'], conditionText: 'Q3 = 4' }));
    const pending = runFilterTranslatorAgent(rules, trackerDataMap(), { signal: ac2.signal });
    setTimeout(() => ac2.abort(), 1);
    const err2 = await pending.catch((e: unknown) => e);
    expect(isCancellation(err2)).toBe(true);
    expect(slow.requests.length).toBeLessThan(12);
  });

  it('mapWithConcurrency keeps order and rethrows the first error', async () => {
    expect(await mapWithConcurrency([3, 1, 2], 2, async (n) => n * 2)).toEqual([6, 2, 4]);
    const boom = new Error('boom');
    const seen: number[] = [];
    await expect(
      mapWithConcurrency([1, 2, 3, 4, 5], 1, async (n) => {
        seen.push(n);
        if (n === 2) throw boom;
        return n;
      }),
    ).rejects.toBe(boom);
    expect(seen).toEqual([1, 2]);
  });
});
