import { describe, expect, it } from 'vitest';
import { parseCondition } from '@/agents/local/conditionParser';
import { VariableIndex } from '@/agents/local/variableIndex';
import { toVariableSummary } from '@/agents/dataMapExcerpt';
import { trackerDataMap } from './fixtures';

const index = new VariableIndex(trackerDataMap().variables.map(toVariableSummary));
const expr = (text: string) => parseCondition(text, index)?.expression;

describe('parseCondition', () => {
  it.each([
    ['Q3 = 4 OR 5', 'Q3 in (4, 5)'],
    ['Q3 = 4, 5', 'Q3 in (4, 5)'],
    ['Q3 = 4 or Q3 = 5', 'Q3 in (4, 5)'],
    ['ASK IF Q3 = 4 OR 5', 'Q3 in (4, 5)'],
    ['if contacted customer service (Q6 = 1)', 'Q6 == 1'],
    ['(Q6 = 1)', 'Q6 == 1'],
    ['Q2_3 selected', 'Q2_3 == 1'],
    ['not Q1 = 6', 'Q1 != 6'],
    ['Q1 <> 6', 'Q1 != 6'],
    ['S1=2', 'S1 == 2'],
    ['Q1 in 1,2', 'Q1 in (1, 2)'],
    ['Q1 in (1, 2, 3)', 'Q1 in (1, 2, 3)'],
    ['AGEGRP 1-2', 'AGEGRP in (1, 2)'],
    ['q6 = 1 and S1 = 2', 'Q6 == 1 & S1 == 2'],
    ['(Q6 = 1 or Q6 = 2) and S1 = 1', 'Q6 in (1, 2) & S1 == 1'],
    ['S2 >= 55', 'S2 >= 55'],
    ['Q6 = "Yes"', 'Q6 == 1'],
    ['Q6 is not 2', 'Q6 != 2'],
    ['Q1 not in (5, 6)', '!(Q1 in (5, 6))'],
    ['Q8 = 2', 'Q8_2 == 1'],
    ['answered(Q7)', 'answered(Q7)'],
  ])('%s → %s', (text, expected) => {
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
