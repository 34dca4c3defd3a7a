import { describe, expect, it } from 'vitest';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import type { DataMap, SavDataset, SavVariable } from '@/lib/core/types';
import { handDataMap, handDataset } from './handFixture';
import { casesFromRows } from '@/lib/core/CaseTable';

describe('generateTables', () => {
  it('creates one table per reportable question with deterministic ids', () => {
    const tables = generateTables(handDataMap(), handDataset());
    expect(tables.map((t) => [t.id, t.kind, t.title])).toEqual([
      ['t_Q1', 'single', 'Q1: Do you own a bike?'],
      ['t_Q2', 'multi', 'Q2: Which bikes do you ride?'],
      ['t_Q3', 'numeric', 'Q3: Satisfaction (0-10)'],
    ]);
    const [q1, q2] = tables;
    expect(q1?.rows).toEqual([
      { id: 'r_1', label: 'Yes', codes: [1] },
      { id: 'r_2', label: 'No', codes: [2] },
      { id: 'r_3', label: "Don't know", codes: [3] },
    ]);
    expect(q2?.rows.map((r) => [r.label, r.codes])).toEqual([
      ['Road bike', ['Q2_1']],
      ['Mountain bike', ['Q2_2']],
      ['E-bike', ['Q2_3']],
    ]);
    expect(tables.every((t) => t.baseFilter === undefined)).toBe(true);
    // Some respondents did not answer each question (blank, or Q1's declared missing 9): none is based on all respondents.
    expect(tables.map((t) => t.baseLabel)).toEqual([
      'Respondents who answered (not counted: 9 "Refused", declared missing)',
      'Respondents who answered',
      'Respondents who answered',
    ]);
    expect(generateTables(handDataMap(), handDataset())).toEqual(tables);
  });

  it('adds unlabelled observed codes in code order, skips empty questions, splits looped variables', () => {
    const v = (name: string, labels: Array<[number, string]> = []): SavVariable => ({
      name,
      label: `${name} label`,
      type: 'numeric',
      missing: { values: [] },
      valueLabels: labels.map(([value, label]) => ({ value, label })),
    });
    const variables = [
      v('S1', [
        [5, 'Five'],
        [1, 'One'],
      ]),
      v('EMPTY', [[1, 'x']]),
      v('Q10_L1'),
      v('Q10_L2'),
      v('AMOUNT'),
    ];
    const dataset: SavDataset = {
      fileName: 'x.sav',
      variables,
      cases: casesFromRows([
        [3, null, 1, 2, 1250.5],
        [5, null, 2, null, 10],
      ]),
      weightVariable: null,
      encoding: 'UTF-8',
    };
    const dataMap: DataMap = {
      variables: variables.map((x) => ({
        name: x.name,
        label: x.label,
        type: 'numeric',
        kind: 'single',
        valueLabels: x.valueLabels,
        missingValues: [],
        answered: 0,
        ...(x.name.startsWith('Q10') ? { loop: { id: 'L', iteration: Number(x.name.slice(-1)) } } : {}),
      })),
      questions: [
        { id: 'S1', label: 'Screener', kind: 'single', variables: ['S1'] },
        { id: 'EMPTY', label: 'Never asked', kind: 'single', variables: ['EMPTY'] },
        { id: 'Q10', label: 'Looped', kind: 'single', variables: ['Q10_L1', 'Q10_L2'] },
        { id: 'AMOUNT', label: 'Amount spent', kind: 'numeric', variables: ['AMOUNT'] },
        { id: 'OPEN', label: 'Verbatim', kind: 'text', variables: ['S1'] },
      ],
      weightVariable: null,
      rowCount: 2,
      loops: ['L'],
    };
    const tables = generateTables(dataMap, dataset);
    expect(tables.map((t) => t.id)).toEqual(['t_S1', 't_Q10_Q10_L1', 't_Q10_Q10_L2', 't_AMOUNT']);
    expect(tables[0]?.rows.map((r) => [r.label, r.codes[0]])).toEqual([
      ['One', 1],
      ['3', 3],
      ['Five', 5],
    ]);
    expect(tables[1]?.questionId).toBe('Q10');
    expect(tables[1]?.notes).toEqual(['Loop L, iteration 1']);
    // AMOUNT is not a 0-10 scale: statistics only, no distribution rows.
    expect(tables[3]?.rows).toEqual([]);
  });
});
