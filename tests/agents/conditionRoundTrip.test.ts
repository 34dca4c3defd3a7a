import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCondition } from '@/agents/local/conditionParser';
import { VariableIndex } from '@/agents/local/variableIndex';
import { toVariableSummary } from '@/agents/dataMapExcerpt';
import { formatFilter, parseFilter } from '@/lib/filters';
import { readSavFile } from '@/lib/sav';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import type { DataMap } from '@/lib/core/types';
import { CONDITION_CASES } from './conditionCases';
import { trackerDataMap } from './fixtures';

/** Nesting, negation and merging the fixtures touch only lightly. */
const COMBINATIONS = [
  'not (Q1 = 1 or Q1 = 2)',
  '(S1 = 1 or S1 = 2) or S1 = 3',
  'not not Q1 = 6',
  'not Q1 in (5)',
  'Q7 is not answered',
  'not answered(Q7)',
  '(Q6 = 1 and S1 = 2) or (Q6 = 2 and (S1 = 1 or S1 = 3))',
  '(Q6 = 1 and S1 = 2) and (AGEGRP = 1 and REGION in (1, 2))',
  'Q8 = 1, 2',
  'Q8 = 1, 2 or S1 = 1',
  'Q8 not in (1, 2)',
  'not (Q8 = 1 or Q6 = 1) and S1 = 2',
  'Q6 = "Yes" or Q6 = "No"',
  'S2 >= 18 and S2 <= 34',
  'not S2 < 18',
  'S1 = 1 or REGION = 2 or S1 = 2 or REGION = 2',
  'Q1 in (1, 1, 2) or Q1 = 2',
];

const examples = path.resolve(__dirname, '../../examples');
const lines = (file: string) => readFileSync(path.join(examples, 'brand-tracker', file), 'utf8').split('\n');

/** Everything the condition reader reads from these texts must print as filter text that reads back as the same tree. */
function expectRoundTrips(texts: readonly string[], dataMap: DataMap): number {
  const index = new VariableIndex(dataMap.variables.map(toVariableSummary));
  let read = 0;
  for (const text of texts) {
    const parsed = parseCondition(text, index);
    if (!parsed || parsed.expression === '') continue;
    read++;
    expect(parseFilter(parsed.expression), text).toEqual(parsed.condition);
    expect(formatFilter(parseFilter(parsed.expression)), text).toBe(parsed.expression);
  }
  return read;
}

describe('the condition reader speaks the filter language', () => {
  let tracker: DataMap;
  beforeAll(async () => {
    tracker = buildDataMap(await readSavFile(path.join(examples, 'brand-tracker', 'brand-tracker.sav')));
  });

  it('prints every condition of the fixtures as text that parseFilter reads back to the same tree', () => {
    expect(
      expectRoundTrips(
        CONDITION_CASES.map(([text]) => text),
        trackerDataMap(),
      ),
    ).toBe(CONDITION_CASES.length);
    expect(expectRoundTrips(COMBINATIONS, trackerDataMap())).toBe(COMBINATIONS.length);
  });

  it('does so on the bundled example banner plan and survey', () => {
    expect(expectRoundTrips([...lines('banner.md'), ...lines('survey.md')], tracker)).toBeGreaterThanOrEqual(3);
  });

  it('prints conditions in their plainest form', () => {
    const index = new VariableIndex(trackerDataMap().variables.map(toVariableSummary));
    const expr = (text: string) => parseCondition(text, index)?.expression;
    expect(expr('not (Q1 = 1 or Q1 = 2)')).toBe('!(Q1 in (1, 2))');
    expect(expr('(S1 = 1 or S1 = 2) or S1 = 3')).toBe('S1 in (1, 2, 3)');
    expect(expr('not not Q1 = 6')).toBe('Q1 == 6');
    expect(expr('Q7 is not answered')).toBe('!(answered(Q7))');
    expect(expr('S1 = 1 or REGION = 2 or S1 = 2 or REGION = 2')).toBe('S1 in (1, 2) | REGION == 2');
  });
});
