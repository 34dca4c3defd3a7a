import { describe, expect, it } from 'vitest';
import { applyBaseFilters } from '@/lib/pipeline/stages/FilterApplicator';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import { handDataMap, handDataset } from './handFixture';

describe('applyBaseFilters', () => {
  const dataset = handDataset();
  const tables = () => generateTables(handDataMap(), dataset);

  it('sets and AND-combines bases, and rejects bad rules without throwing', () => {
    const result = applyBaseFilters(
      tables(),
      [
        { id: 'r1', appliesTo: ['Q2', 'q3'], conditionText: 'Ask if owns a bike', expression: 'Q1 in (1, 2)' },
        { id: 'r2', appliesTo: ['Q3'], conditionText: 'Ask women', expression: 'GENDER==2' },
        { id: 'r3', appliesTo: ['Q3'], conditionText: 'Ask owners again', expression: 'Q1 in (1,2)' },
        { id: 'bad_syntax', appliesTo: ['Q1'], conditionText: 'x', expression: 'Q1 = 1' },
        { id: 'bad_var', appliesTo: ['Q1'], conditionText: 'x', expression: 'REGION == 1' },
        { id: 'no_expr', appliesTo: ['Q1'], conditionText: 'Ask if relevant' },
        { id: 'no_table', appliesTo: ['Q99'], conditionText: 'x', expression: 'Q1 == 1' },
      ],
      dataset.variables,
    );
    expect(result.applied).toBe(3);
    const byId = new Map(result.tables.map((t) => [t.questionId, t]));
    expect(byId.get('Q1')?.baseFilter).toBeUndefined();
    expect(byId.get('Q2')?.baseFilter).toBe('Q1 in (1, 2)');
    expect(byId.get('Q2')?.baseLabel).toBe('Asked if Q1 in (1, 2); respondents who answered');
    expect(byId.get('Q3')?.baseFilter).toBe('Q1 in (1, 2) & GENDER == 2');
    expect(result.rejected.map((r) => r.ruleId)).toEqual(['bad_syntax', 'bad_var', 'no_expr', 'no_table']);
    expect(result.rejected[1]?.reason).toContain('REGION');
    // A table whose routing was not read says so in its base label and notes, not only in the run's warnings.
    expect(byId.get('Q1')?.baseLabel).toMatch(/ \(routing not read: see notes\)$/);
    expect(byId.get('Q1')?.notes).toEqual([
      'Routing not read: "x"; this base is not narrowed by it',
      'Routing not read: "Ask if relevant"; this base is not narrowed by it',
    ]);
    expect(byId.get('Q2')?.notes).toEqual([]);
  });

  it('keeps OR bases intact when combining and leaves the input untouched', () => {
    const input = tables().map((t) => (t.questionId === 'Q1' ? { ...t, baseFilter: 'AGE == 1 | AGE == 2' } : t));
    const result = applyBaseFilters(input, [{ id: 'r', appliesTo: ['Q1'], conditionText: 'men', expression: 'GENDER == 1' }], dataset.variables);
    expect(result.tables[0]?.baseFilter).toBe('(AGE == 1 | AGE == 2) & GENDER == 1');
    expect(input[0]?.baseFilter).toBe('AGE == 1 | AGE == 2');
  });
});
