import { describe, expect, it } from 'vitest';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { applyBaseFilters } from '@/lib/pipeline/stages/FilterApplicator';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import type { CellValue, SavDataset, SavVariable } from '@/lib/core/types';
import { casesFromRows } from '@/lib/core/CaseTable';

const variable = (name: string, label: string, labels: Array<[number, string]>, missing: number[] = []): SavVariable => ({
  name,
  label,
  type: 'numeric',
  missing: { values: missing },
  valueLabels: labels.map(([value, l]) => ({ value, label: l })),
  measure: 'nominal',
});

/** Q1 answered by all; Q2 asked if Q1 = 1 (blank otherwise), 9 "Don't know" declared missing; Q3 coded 0 "Not asked" when Q1 = 2. */
function dataset(): SavDataset {
  const variables = [
    variable('Q1', 'Visited?', [
      [1, 'Yes'],
      [2, 'No'],
    ]),
    variable(
      'Q2',
      'How satisfied?',
      [
        [1, 'Dissatisfied'],
        [2, 'Satisfied'],
        [9, "Don't know"],
      ],
      [9],
    ),
    variable('Q3', 'Come again?', [
      [0, 'Not asked'],
      [1, 'Yes'],
      [2, 'No'],
    ]),
  ];
  const rows: CellValue[][] = [];
  for (let i = 0; i < 40; i++) {
    const visited = i % 3 === 0 ? 2 : 1;
    rows.push([visited, visited === 1 ? [1, 2, 9][i % 3]! : null, visited === 1 ? 1 + (i % 2) : 0]);
  }
  return { fileName: 'bases.sav', variables, cases: casesFromRows(rows, variables.length), weightVariable: null, encoding: 'UTF-8' };
}

describe('a table says what its base is, from the base actually applied', () => {
  const data = dataset();
  const tables = generateTables(buildDataMap(data), data);
  const label = (id: string, ts = tables) => ts.find((t) => t.questionId === id)!.baseLabel;

  it('everyone answered: all respondents; some did not (blank or declared missing): those who answered, naming the missing codes', () => {
    expect(label('Q1')).toBe('All respondents');
    expect(label('Q2')).toBe('Respondents who answered (not counted: 9 "Don\'t know", declared missing)');
    expect(label('Q3')).toBe('All respondents');
  });

  it('routing and "Not asked" exclusions are said first, and what the answers left out is kept', () => {
    const routed = applyBaseFilters(
      tables,
      [{ id: 'R1', appliesTo: ['Q2'], conditionText: 'Ask if Q1 = Yes', expression: 'Q1 == 1', confidence: 0.95 }],
      data.variables,
    );
    expect(label('Q2', routed.tables)).toBe('Asked if Q1 == 1; respondents who answered (not counted: 9 "Don\'t know", declared missing)');
    expect(label('Q3', routed.tables)).toBe('Asked (not coded "Not asked")');
    expect(label('Q1', routed.tables)).toBe('All respondents');
    const twice = applyBaseFilters(
      routed.tables,
      [{ id: 'R2', appliesTo: ['Q2'], conditionText: 'Ask if Q3 = Yes', expression: 'Q3 == 1', confidence: 0.95 }],
      data.variables,
    );
    expect(label('Q2', twice.tables)).toBe('Asked if Q1 == 1 & Q3 == 1; respondents who answered (not counted: 9 "Don\'t know", declared missing)');
  });
});
