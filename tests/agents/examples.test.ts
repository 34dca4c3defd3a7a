import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBannerAgent, runBannerGenerateAgent, runCrosstabAgent, runFilterTranslatorAgent, runLoopSemanticsPolicyAgent, runSkipLogicAgent } from '@/agents';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { readSavFile } from '@/lib/sav';
import type { DataMap } from '@/lib/core/types';

const examples = path.resolve(__dirname, '../../examples');
const load = async (name: string) => buildDataMap(await readSavFile(path.join(examples, name, `${name}.sav`)));

describe('agents on the bundled examples', () => {
  let tracker: DataMap;
  let pulse: DataMap;
  beforeAll(async () => {
    setModelProvider(new LocalModelProvider());
    tracker = await load('brand-tracker');
    pulse = await load('employee-pulse');
  });
  afterAll(() => resetModelProvider());

  it('brand-tracker banner.md maps every column', async () => {
    const plan = readFileSync(path.join(examples, 'brand-tracker', 'banner.md'), 'utf8');
    const draft = await runBannerAgent(plan, tracker, { bannerFile: 'banner.md' });
    expect(draft.groups.map((g) => g.label)).toEqual(['Gender', 'Age', 'Region', 'First-mentioned brand', 'Customer service contact']);
    const { banner, warnings } = await runCrosstabAgent(draft, tracker, { bannerFile: 'banner.md' });
    expect(warnings).toEqual([]);
    const byLabel = Object.fromEntries(banner.groups.flatMap((g) => g.columns).map((c) => [c.label, c.expression]));
    expect(byLabel).toMatchObject({
      Male: 'S1 == 1',
      Female: 'S1 == 2',
      'Aged 18 to 34': 'AGEGRP == 1',
      '55 and over': 'AGEGRP == 3',
      'North region': 'REGION == 1',
      Cobalt: 'Q1 == 3',
      'Contacted customer service': 'Q6 == 1',
      'Did not contact customer service': 'Q6 == 2',
    });
  });

  it('brand-tracker survey.md yields the routing rules as filters', async () => {
    const survey = readFileSync(path.join(examples, 'brand-tracker', 'survey.md'), 'utf8');
    const rules = await runFilterTranslatorAgent(await runSkipLogicAgent(survey, tracker), tracker);
    expect(rules.map((r) => [r.appliesTo, r.expression])).toEqual([
      [['Q4'], 'Q3 in (4, 5)'],
      [['Q7'], 'Q6 == 1'],
      [['Q8'], 'Q6 == 1'],
    ]);
    const policies = await runLoopSemanticsPolicyAgent(tracker);
    expect(policies.map((p) => [p.variables, p.policy])).toEqual([[['Q10_L1', 'Q10_L2', 'Q10_L3'], 'stacked']]);
  });

  it('employee-pulse gets a generated banner of its segment questions', async () => {
    const banner = await runBannerGenerateAgent(pulse);
    expect(banner.groups.map((g) => g.label)).toEqual(['Department', 'Role', 'Tenure', 'Site']);
    expect(banner.groups.every((g) => g.columns.length >= 2 && g.columns.every((c) => /^[A-Z]+ == \d+$/.test(c.expression)))).toBe(true);
  });
});
