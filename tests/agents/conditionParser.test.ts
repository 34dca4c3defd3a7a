import { describe, expect, it } from 'vitest';
import { parseCondition } from '@/agents/local/conditionParser';
import { VariableIndex } from '@/agents/local/variableIndex';
import { toVariableSummary } from '@/agents/dataMapExcerpt';
import { CONDITION_CASES } from './conditionCases';
import { trackerDataMap } from './fixtures';

const index = new VariableIndex(trackerDataMap().variables.map(toVariableSummary));
const expr = (text: string) => parseCondition(text, index)?.expression;

describe('parseCondition', () => {
  it.each(CONDITION_CASES)('%s → %s', (text, expected) => {
    expect(expr(text)).toBe(expected);
  });

  it('reports variables the data lacks instead of an expression', () => {
    const parsed = parseCondition('Heavy users (ZZ9 = 1)', index);
    expect(parsed?.unknownVariables).toEqual(['ZZ9']);
    expect(parsed?.expression).toBe('');
  });

  it('finds nothing in word-only descriptions', () => {
    expect(parseCondition('Aged 18 to 34', index)).toBeNull();
    expect(parseCondition('North region', index)).toBeNull();
    expect(parseCondition('Ask only those who contacted customer service', index)).toBeNull();
  });

  it('notes surrounding prose', () => {
    expect(parseCondition('Q3 = 4 OR 5', index)?.hasSurroundingProse).toBe(false);
    expect(parseCondition('Ask only those who contacted customer service (Q6 = 1)', index)?.hasSurroundingProse).toBe(true);
  });
});
