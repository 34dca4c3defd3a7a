import type { Banner, CellValue, DataMap, SavDataset, SavVariable, TableDefinition } from '@/lib/core/types';
import { casesFromRows } from '@/lib/core/CaseTable';

const variable = (name: string, label: string, labels: Array<[number, string]> = [], missing: number[] = []): SavVariable => ({
  name,
  label,
  type: 'numeric',
  missing: { values: missing },
  valueLabels: labels.map(([value, l]) => ({ value, label: l })),
});

const SELECTED: Array<[number, string]> = [
  [0, 'Not selected'],
  [1, 'Selected'],
];

/** Dictionary of the hand-worked fixture. */
export const HAND_VARIABLES: SavVariable[] = [
  variable('ID', 'Respondent id'),
  variable('GENDER', 'Gender', [
    [1, 'Male'],
    [2, 'Female'],
  ]),
  variable('AGE', 'Age band', [
    [1, '18-34'],
    [2, '35-54'],
    [3, '55+'],
  ]),
  variable(
    'Q1',
    'Q1: Do you own a bike?',
    [
      [1, 'Yes'],
      [2, 'No'],
      [3, "Don't know"],
      [9, 'Refused'],
    ],
    [9],
  ),
  variable('Q2_1', 'Road bike', SELECTED),
  variable('Q2_2', 'Mountain bike', SELECTED),
  variable('Q2_3', 'E-bike', SELECTED),
  variable('Q3', 'Q3: Satisfaction (0-10)'),
  variable('W', 'Weight'),
];

/*
 * 12 respondents. Columns: ID GENDER AGE Q1 Q2_1 Q2_2 Q2_3 Q3 W
 *  - #4 answered Q1 with the user-missing code 9 (Refused); #9 has Q1 system-missing.
 *  - #8 and #9 have every Q2 item missing; #11 has only Q2_1 answered.
 *  - #12 has weight 0: left out of every weighted figure.
 */
const N = null;
/** Respondent rows of the hand-worked fixture. */
export const HAND_ROWS: CellValue[][] = [
  [1, 1, 1, 1, 1, 0, 0, 8, 1.0],
  [2, 1, 2, 2, 0, 1, 0, 5, 2.0],
  [3, 1, 3, 1, 1, 1, 0, 10, 0.5],
  [4, 1, 1, 9, N, N, N, N, 1.5],
  [5, 1, 2, 3, 1, 0, 1, 7, 1.0],
  [6, 2, 1, 1, 0, 0, 1, 6, 2.0],
  [7, 2, 3, 2, 1, 1, 1, 9, 1.0],
  [8, 2, 2, 1, N, N, N, 3, 0.5],
  [9, 2, 1, N, N, N, N, 4, 1.0],
  [10, 2, 3, 2, 0, 1, 0, N, 1.5],
  [11, 2, 2, 1, 1, N, N, 10, 1.0],
  [12, 1, 1, 2, 0, 0, 1, 2, 0.0],
];

/** The hand-worked dataset. */
export function handDataset(): SavDataset {
  return { fileName: 'hand.sav', variables: HAND_VARIABLES, cases: casesFromRows(HAND_ROWS, HAND_VARIABLES.length), weightVariable: 'W', encoding: 'UTF-8' };
}

/** Its data map, as DataMapProcessor would build it. */
export function handDataMap(): DataMap {
  const dataset = handDataset();
  const kinds: Record<string, 'id' | 'single' | 'multi' | 'numeric' | 'weight'> = {
    ID: 'id',
    GENDER: 'single',
    AGE: 'single',
    Q1: 'single',
    Q2_1: 'multi',
    Q2_2: 'multi',
    Q2_3: 'multi',
    Q3: 'numeric',
    W: 'weight',
  };
  return {
    variables: HAND_VARIABLES.map((v, i) => ({
      name: v.name,
      label: v.label,
      type: v.type,
      kind: kinds[v.name] ?? 'single',
      valueLabels: v.valueLabels,
      missingValues: v.missing.values,
      ...(v.name.startsWith('Q2_') ? { group: 'Q2' } : {}),
      answered: HAND_ROWS.filter((r) => r[i] !== null && !v.missing.values.includes(r[i] as number)).length,
    })),
    questions: [
      { id: 'ID', label: 'Respondent id', kind: 'id', variables: ['ID'] },
      { id: 'Q1', label: 'Do you own a bike?', kind: 'single', variables: ['Q1'] },
      { id: 'Q2', label: 'Which bikes do you ride?', kind: 'multi', variables: ['Q2_1', 'Q2_2', 'Q2_3'] },
      { id: 'Q3', label: 'Satisfaction (0-10)', kind: 'numeric', variables: ['Q3'] },
      { id: 'W', label: 'Weight', kind: 'weight', variables: ['W'] },
    ],
    weightVariable: 'W',
    rowCount: dataset.cases.count,
    loops: [],
  };
}

/** Banner of two groups: Gender (A Male, B Female) and Age (C 18-34, D 35+). */
export const HAND_BANNER: Banner = {
  origin: 'plan',
  groups: [
    {
      id: 'g_gender',
      label: 'Gender',
      columns: [
        { id: 'male', label: 'Male', expression: 'GENDER == 1', confidence: 1 },
        { id: 'female', label: 'Female', expression: 'GENDER == 2', confidence: 1 },
      ],
    },
    {
      id: 'g_age',
      label: 'Age',
      columns: [
        { id: 'young', label: '18-34', expression: 'AGE == 1', confidence: 1 },
        { id: 'older', label: '35+', expression: 'AGE in (2, 3)', confidence: 1 },
      ],
    },
  ],
};

/** Add a NET row to a generated table (as VerificationAgent would). */
export function withNet(table: TableDefinition, label: string, codes: Array<number | string>): TableDefinition {
  return { ...table, rows: [...table.rows, { id: `net_${codes.join('_')}`, label, codes, isNet: true }] };
}
