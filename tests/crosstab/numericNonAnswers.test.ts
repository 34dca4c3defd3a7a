import { describe, expect, it } from 'vitest';
import { casesFromRows } from '@/lib/core/CaseTable';
import { computeCrosstabs } from '@/lib/pipeline/stages/CrosstabComputation';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import { numericWarnings } from '@/lib/pipeline/numericWarnings';
import type { Banner, CellValue, CrosstabTable, SavDataset, SavVariable, TableDefinition } from '@/lib/core/types';

const variable = (name: string, label: string, labels: Array<[number, string]> = []): SavVariable => ({
  name,
  label,
  type: 'numeric',
  missing: { values: [] },
  valueLabels: labels.map(([value, l]) => ({ value, label: l })),
  measure: 'scale',
});

/** Numeric questions whose labels mark non-answers (99) not declared missing, and scales stored in several ways. */
const VARIABLES: SavVariable[] = [
  {
    ...variable('SEX', 'Sex', [
      [1, 'Male'],
      [2, 'Female'],
    ]),
    measure: 'nominal',
  },
  variable('AGE', 'Age in years', [[99, 'Refused']]),
  variable('Q9', 'Rating of breakfast'),
  variable('SAT', 'Satisfaction (0-10)'),
  variable('LTR', 'How likely are you to recommend us?', [
    [0, 'Not at all likely'],
    [10, 'Extremely likely'],
    [99, "Don't know"],
  ]),
  variable('Q3B', 'How likely are you to recommend the chain?', [
    [1, '0 Not at all likely'],
    [11, '10 Extremely likely'],
  ]),
  variable('W', 'Weight'),
];

/*
 * #  SEX AGE Q9 SAT LTR Q3B W
 * AGE answers (not 99): #1 25, #3 40, #4 61, #6 33, #7 47, #8 52, #9 29 -> 7 answers, sum 287, mean 41, min 25, max 61.
 * LTR answers (not 99): 0, 10, 7, 5, 3, 8, 6, 2 -> 8 answers, sum 41, mean 5.125.
 */
const ROWS: CellValue[][] = [
  [1, 25, 1, 2, 0, 1, 1],
  [1, 99, 5, 10, 99, 11, 2],
  [2, 40, 10, 5, 10, 6, 1],
  [2, 61, 3, 7, 7, 8, 0.5],
  [1, 99, 7, 9, 99, 2, 1],
  [2, 33, 8, 4, 5, 11, 1],
  [1, 47, 2, 6, 3, 4, 1.5],
  [2, 52, 4, 8, 8, 9, 1],
  [1, 29, 6, 3, 6, 3, 0.5],
  [2, 99, 9, 5, 2, 7, 1],
];

const dataset = (): SavDataset => ({
  fileName: 'ages.sav',
  variables: VARIABLES,
  cases: casesFromRows(ROWS, VARIABLES.length),
  weightVariable: 'W',
  encoding: 'UTF-8',
});

const BANNER: Banner = {
  origin: 'plan',
  groups: [
    {
      id: 'sex',
      label: 'Sex',
      columns: [
        { id: 'male', label: 'Male', expression: 'SEX == 1', confidence: 1 },
        { id: 'female', label: 'Female', expression: 'SEX == 2', confidence: 1 },
      ],
    },
  ],
};

const stat = (table: CrosstabTable, label: string) => table.stats?.find((s) => s.label === label)?.values ?? [];

function run(weightVariable: string | null) {
  const data = dataset();
  const dataMap = buildDataMap(data);
  const tables = generateTables(dataMap, data);
  const computed = computeCrosstabs(tables, BANNER, data, { weightVariable, significance: false });
  return { dataMap, tables, computed: new Map(computed.map((t) => [t.tableId, t])) };
}

describe('a numeric question with codes labelled as non-answers, not declared missing', () => {
  const { dataMap, tables, computed } = run(null);

  it('leaves 99 "Refused" out of the base and the statistics of an age', () => {
    const age = computed.get('t_AGE')!;
    // Total, Male (#1 25, #7 47, #9 29), Female (#3 40, #4 61, #6 33, #8 52).
    expect(age.bases).toEqual([7, 3, 4]);
    expect(stat(age, 'Mean')).toEqual([41, 101 / 3, 186 / 4]);
    expect(stat(age, 'Minimum')).toEqual([25, 25, 33]);
    expect(stat(age, 'Maximum')).toEqual([61, 47, 61]);
    expect(stat(age, 'Median')[0]).toBe(40);
  });

  it('says so in the base label, in the data map and in a run warning', () => {
    expect(computed.get('t_AGE')!.baseLabel).toBe('Respondents who answered (not counted: 99 "Refused", labelled as a non-answer)');
    const age = dataMap.variables.find((v) => v.name === 'AGE')!;
    expect(age.answered).toBe(7);
    expect(age.nonAnswers).toEqual([{ value: 99, label: 'Refused', count: 3 }]);
    const warnings = numericWarnings(tables, dataMap, VARIABLES);
    expect(warnings.find((w) => w.includes('AGE'))).toMatch(/3 coded 99 "Refused" left out of its base and statistics, as missing/);
    expect(warnings.find((w) => w.includes('LTR'))).toMatch(/2 coded 99 "Don't know" left out/);
  });

  it('reads a 0-10 scale with a 99 "Don\'t know" as the scale: rows 0 to 10, statistics of the answers', () => {
    const ltr = computed.get('t_LTR')!;
    expect(ltr.rows.map((r) => r.id)).toEqual(Array.from({ length: 11 }, (_, k) => `r_${k}`));
    expect(ltr.bases[0]).toBe(8);
    expect(stat(ltr, 'Mean')[0]).toBe(41 / 8);
    expect(stat(ltr, 'Maximum')[0]).toBe(10);
  });

  it('weighted: the same answers, weighted', () => {
    const age = run('W').computed.get('t_AGE')!;
    // Weights of the answers: #1 1, #3 1, #4 .5, #6 1, #7 1.5, #8 1, #9 .5 -> 6.5; Σwx = 25+40+30.5+33+70.5+52+14.5 = 265.5
    expect(age.bases[0]).toBe(6.5);
    expect(stat(age, 'Mean')[0]).toBeCloseTo(265.5 / 6.5, 12);
  });

  it('computes a hand-written numeric table the same way (the computation reads the labels itself)', () => {
    const table: TableDefinition = { id: 't', questionId: 'AGE', title: 'Age', kind: 'numeric', variables: ['AGE'], rows: [], baseLabel: '', notes: [] };
    const [age] = computeCrosstabs([table], { origin: 'plan', groups: [] }, dataset(), { weightVariable: null, significance: false });
    expect(age!.bases).toEqual([7]);
    expect(stat(age!, 'Mean')).toEqual([41]);
    expect(stat(age!, 'Maximum')).toEqual([61]);
  });
});

describe('the rows of a numeric scale', () => {
  const { dataMap, tables, computed } = run(null);

  it('run over the answers given (an unlabelled 1-10 rating has no "0" row)', () => {
    expect(computed.get('t_Q9')!.rows.map((r) => r.label)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('run over the range the label states when it holds every answer ("(0-10)", answers 2 to 10)', () => {
    const sat = computed.get('t_SAT')!;
    expect(sat.rows.map((r) => r.id)).toEqual(Array.from({ length: 11 }, (_, k) => `r_${k}`));
    expect(sat.rows[0]!.cells[0]!.count).toBe(0);
  });

  it('a scale whose labels show other numbers than its codes gets no statistics, one row per code, and a warning', () => {
    const q3b = computed.get('t_Q3B')!;
    expect(q3b.stats).toBeUndefined();
    expect(q3b.rows.map((r) => r.label)).toEqual(['1 - 0 Not at all likely', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11 - 10 Extremely likely']);
    expect(q3b.rows.map((r) => r.cells[0]!.count)).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 2]);
    const warning = numericWarnings(tables, dataMap, VARIABLES).find((w) => w.includes('Q3B'));
    expect(warning).toContain('its value labels show other numbers than its codes (1 "0 Not at all likely", 11 "10 Extremely likely")');
    expect(warning).toContain('no statistics are given');
  });
});
