import { describe, expect, it } from 'vitest';
import type { SavDataset, SavVariable, TableDefinition } from '@/lib/core/types';
import { casesFromRows, rowsOf } from '@/lib/core/CaseTable';
import { loopStem } from '@/lib/sav';
import { applyLoopPolicies } from './loopStacking';

const v = (name: string): SavVariable => ({ name, label: name, type: 'numeric', missing: { values: [] }, valueLabels: [] });
const dataset: SavDataset = {
  fileName: 'loop.sav',
  encoding: 'UTF-8',
  weightVariable: null,
  variables: [v('ID'), v('R_L1'), v('R_L2')],
  cases: casesFromRows([
    [1, 5, 4],
    [2, 3, null],
    [3, null, null],
  ]),
};
const table = (name: string): TableDefinition => ({
  id: `t_${name}`,
  questionId: name,
  title: `Rating visit ${name.slice(-1)}`,
  kind: 'single',
  variables: [name],
  rows: [],
  baseLabel: 'All',
  notes: [],
});

describe('applyLoopPolicies', () => {
  it('replaces per-iteration tables with one stacked table over answered iterations', () => {
    const out = applyLoopPolicies([table('R_L1'), table('R_L2'), table('ID')], [{ loopId: 'L', variables: ['R_L1', 'R_L2'], policy: 'stacked' }], dataset);
    expect(out.tables.map((t) => t.id)).toEqual(['t_ID']);
    expect(out.stacked).toHaveLength(1);
    const s = out.stacked[0]!;
    expect(s.table.variables).toEqual(['R_STACK']);
    // Respondent 1 answered both iterations, respondent 2 one, respondent 3 none: 3 stacked rows.
    const stackedRows = rowsOf(s.dataset.cases, s.dataset.variables.length);
    expect(stackedRows.map((r) => r.at(-1))).toEqual([5, 4, 3]);
    expect(stackedRows.map((r) => r[0])).toEqual([1, 1, 2]);
    expect(stackedRows).toEqual([
      [1, 5, 4, 5],
      [1, 5, 4, 4],
      [2, 3, null, 3],
    ]);
  });

  it('leaves per-iteration loops alone', () => {
    const out = applyLoopPolicies([table('R_L1'), table('R_L2')], [{ loopId: 'L', variables: ['R_L1', 'R_L2'], policy: 'per-iteration' }], dataset);
    expect(out.tables).toHaveLength(2);
    expect(out.stacked).toHaveLength(0);
  });

  it('derives the loop stem', () => {
    expect(loopStem('Q10_L3')).toBe('Q10');
    expect(loopStem('Q10_LOOP3')).toBe('Q10');
    expect(loopStem('Q10')).toBe('Q10');
  });
});
