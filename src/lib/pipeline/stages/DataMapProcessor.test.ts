import { describe, expect, it } from 'vitest';
import { readSavFile } from '@/lib/sav';
import type { CellValue, SavDataset, SavVariable } from '@/lib/core/types';
import { casesFromRows } from '@/lib/core/CaseTable';
import { buildDataMap } from './DataMapProcessor';

const byName = (map: ReturnType<typeof buildDataMap>, name: string) => map.variables.find((v) => v.name === name)!;

function variable(name: string, extra: Partial<SavVariable> = {}): SavVariable {
  return { name, label: name, type: 'numeric', missing: { values: [] }, valueLabels: [], ...extra };
}

describe('buildDataMap on the hand-checkable fixture', () => {
  it('classifies every variable', async () => {
    const map = buildDataMap(await readSavFile('tests/fixtures/sav/small.sav'));
    expect(map.variables.map((v) => [v.name, v.kind])).toEqual([
      ['ID', 'id'],
      ['GENDER', 'single'],
      ['Q1', 'single'],
      ['Q2_1', 'multi'],
      ['Q2_2', 'multi'],
      ['AGE', 'numeric'],
      ['COMMENT', 'text'],
      ['WGT', 'weight'],
    ]);
    expect(map.weightVariable).toBe('WGT');
    expect(map.rowCount).toBe(12);
    expect(map.loops).toEqual([]);
  });

  it('counts answers excluding system- and user-missing values', async () => {
    const map = buildDataMap(await readSavFile('tests/fixtures/sav/small.sav'));
    expect(byName(map, 'Q1').answered).toBe(9); // 12 minus one system-missing minus two "Don't know" (9)
    expect(byName(map, 'AGE').answered).toBe(10); // 12 minus one system-missing minus 999 in the missing range
    expect(byName(map, 'AGE').missingValues).toEqual([999]);
    expect(byName(map, 'Q1').missingValues).toEqual([9]);
    expect(byName(map, 'COMMENT').answered).toBe(6);
  });

  it('lists reportable questions, one per multi-response group', async () => {
    const map = buildDataMap(await readSavFile('tests/fixtures/sav/small.sav'));
    expect(map.questions).toEqual([
      { id: 'GENDER', label: 'Gender', kind: 'single', variables: ['GENDER'] },
      { id: 'Q1', label: 'Would you buy again?', kind: 'single', variables: ['Q1'] },
      { id: 'Q2', label: 'Features used', kind: 'multi', variables: ['Q2_1', 'Q2_2'] },
      { id: 'AGE', label: 'Age in years', kind: 'numeric', variables: ['AGE'] },
    ]);
    expect(byName(map, 'Q2_2').group).toBe('Q2');
  });
});

describe('buildDataMap on brand-tracker', () => {
  it('finds the multi-response groups, the loop and the excluded variables', async () => {
    const map = buildDataMap(await readSavFile('examples/brand-tracker/brand-tracker.sav'));
    const kinds = Object.fromEntries(map.variables.map((v) => [v.name, v.kind]));
    expect(kinds).toMatchObject({ RESPID: 'id', WEIGHT: 'weight', Q9: 'text', S2: 'numeric', Q5: 'numeric', Q3: 'single' });
    const multi = map.questions.filter((q) => q.kind === 'multi');
    expect(multi.map((q) => [q.id, q.label, q.variables.length])).toEqual([
      ['Q2', 'Brands used in the past 3 months', 6],
      ['Q8', 'Channels used to contact', 4],
    ]);
    expect(map.loops).toEqual(['L']);
    expect(byName(map, 'Q10_L2').loop).toEqual({ id: 'L', iteration: 2 });
    expect(byName(map, 'STORES').loop).toBeUndefined();
    expect(map.questions.map((q) => q.id)).not.toContain('Q9');
    expect(map.questions.map((q) => q.id)).not.toContain('RESPID');
    expect(map.questions.map((q) => q.id)).toContain('Q10_L3');
  });

  it('reflects the routing in answered counts', async () => {
    const map = buildDataMap(await readSavFile('examples/brand-tracker/brand-tracker.sav'));
    expect(byName(map, 'Q1').answered).toBe(800);
    expect(byName(map, 'Q3').answered).toBeLessThan(800);
    expect(byName(map, 'Q4').answered).toBeLessThan(byName(map, 'Q3').answered);
    expect(byName(map, 'Q8_1').answered).toBe(byName(map, 'Q7').answered);
    expect(byName(map, 'Q10_L1').answered).toBeGreaterThan(byName(map, 'Q10_L2').answered);
    expect(byName(map, 'Q10_L2').answered).toBeGreaterThan(byName(map, 'Q10_L3').answered);
  });
});

describe('buildDataMap classification rules', () => {
  const dataset = (variables: SavVariable[], rows: CellValue[][]): SavDataset => ({
    fileName: 't.sav',
    variables,
    cases: casesFromRows(rows, variables.length),
    weightVariable: null,
    encoding: 'UTF-8',
  });

  it('accepts 1/missing coding as a multi-response group but not a lone binary column', () => {
    const map = buildDataMap(
      dataset(
        [variable('M_1'), variable('M_2'), variable('FLAG', { valueLabels: [{ value: 1, label: 'Yes' }] })],
        [
          [1, null, 1],
          [null, 1, null],
          [1, 1, 1],
        ],
      ),
    );
    expect(map.variables.map((v) => v.kind)).toEqual(['multi', 'multi', 'single']);
    expect(map.questions.map((q) => q.id)).toEqual(['M', 'FLAG']);
  });

  it('does not group columns whose values are not binary', () => {
    const map = buildDataMap(
      dataset(
        [variable('R_1'), variable('R_2')],
        [
          [1, 5],
          [0, 3],
        ],
      ),
    );
    expect(map.variables.map((v) => v.kind)).toEqual(['numeric', 'numeric']);
    expect(map.questions).toHaveLength(2);
  });

  it('does not call a non-unique *ID column an id', () => {
    const map = buildDataMap(dataset([variable('STOREID')], [[1], [1], [2]]));
    expect(map.variables[0]!.kind).toBe('numeric');
  });

  it('treats a scale with only end-point labels as numeric', () => {
    const scale = variable('NPS', {
      measure: 'scale',
      valueLabels: [
        { value: 0, label: 'Not at all likely' },
        { value: 10, label: 'Extremely likely' },
      ],
    });
    const map = buildDataMap(dataset([scale], [[0], [3], [5], [7], [8], [10]]));
    expect(map.variables[0]!.kind).toBe('numeric');
  });

  it('needs two iterations to call a name a loop', () => {
    const map = buildDataMap(dataset([variable('A_L1'), variable('B_L1'), variable('B_L2')], [[1, 2, 3]]));
    expect(map.variables.map((v) => v.loop?.iteration ?? null)).toEqual([null, 1, 2]);
    expect(map.loops).toEqual(['L']);
  });
});

describe('buildDataMap on declared multiple-response sets', () => {
  it('makes each declared set one question at its first member, and tabulates no member alone', async () => {
    const map = buildDataMap(await readSavFile('tests/fixtures/sav/mrsets.sav'));
    expect(map.questions.map((q) => [q.id, q.label, q.kind, q.variables])).toEqual([
      ['$used', 'Ways of travelling', 'multi', ['uses_car', 'uses_bus', 'uses_bicycle']],
      ['$travel', 'Car', 'multi', ['uses_car', 'uses_bus', 'uses_bicycle']],
      ['$brands', 'Brands mentioned', 'multi', ['m1', 'm2']],
      ['$drinks', 'Drinks', 'multi', ['tea', 'coffee']],
    ]);
    expect(map.questions[2]!.declaredSet).toMatchObject({ name: '$brands', type: 'category' });
    expect(map.variables.map((v) => [v.name, v.kind, v.group ?? null])).toEqual([
      ['resp', 'id', null],
      ['uses_car', 'multi', '$used'],
      ['uses_bus', 'multi', '$used'],
      ['uses_bicycle', 'multi', '$used'],
      ['m1', 'single', '$brands'],
      ['m2', 'single', '$brands'],
      ['tea', 'multi', '$drinks'],
      ['coffee', 'multi', '$drinks'],
      ['wgt', 'weight', null],
    ]);
  });

  it('guesses groups from names only in files that declare no sets', () => {
    const dataset: SavDataset = {
      fileName: 't.sav',
      variables: [variable('Q5_1'), variable('Q5_2'), variable('car'), variable('bus')],
      cases: casesFromRows([
        [1, 0, 1, 0],
        [0, 1, 1, 1],
      ]),
      weightVariable: null,
      encoding: 'UTF-8',
      multiResponseSets: [{ name: '$m', label: 'Modes', type: 'dichotomy', variables: ['car', 'BUS'], countedValue: 1, categoryLabels: 'varlabels' }],
    };
    const map = buildDataMap(dataset);
    expect(map.questions.map((q) => [q.id, q.variables])).toEqual([
      ['Q5_1', ['Q5_1']],
      ['Q5_2', ['Q5_2']],
      ['$m', ['car', 'bus']],
    ]);
    expect(buildDataMap({ ...dataset, multiResponseSets: [] }).questions.map((q) => q.id)).toEqual(['Q5', 'car', 'bus']);
  });

  it('ignores a declared set with fewer than two members in the data', () => {
    const dataset: SavDataset = {
      fileName: 't.sav',
      variables: [variable('car'), variable('bus')],
      cases: casesFromRows([[1, 0]]),
      weightVariable: null,
      encoding: 'UTF-8',
      multiResponseSets: [{ name: '$m', label: 'Modes', type: 'dichotomy', variables: ['car', 'train'], countedValue: 1, categoryLabels: 'varlabels' }],
    };
    expect(buildDataMap(dataset).questions.map((q) => q.id)).toEqual(['car', 'bus']);
  });
});

describe('buildDataMap respondent identifiers', () => {
  const dataset = (variables: SavVariable[], rows: CellValue[][]): SavDataset => ({
    fileName: 't.sav',
    variables,
    cases: casesFromRows(rows, variables.length),
    weightVariable: null,
    encoding: 'UTF-8',
  });
  const column = (values: Array<number | string | null>) => values.map((v) => [v, 1]);

  it('does not tabulate a unique respondent number that is not named *id', () => {
    const map = buildDataMap(dataset([variable('resp', { label: 'Respondent number' }), variable('Q1')], column([204, 17, 3051, 99])));
    expect(map.variables[0]!.kind).toBe('id');
    expect(map.questions.map((q) => q.id)).toEqual(['Q1']);
  });

  it('recognises identifiers by label or name, numeric or string', () => {
    const kindOf = (v: SavVariable, values: Array<number | string | null>) => buildDataMap(dataset([v, variable('Q1')], column(values))).variables[0]!.kind;
    expect(kindOf(variable('serial'), [5, 6, 7])).toBe('id');
    expect(kindOf(variable('x7', { label: 'Case number' }), [5, 6, 7])).toBe('id');
    expect(kindOf(variable('token', { label: 'Respondent ID', type: 'string' }), ['a1', 'b2', 'c3'])).toBe('id');
  });

  it('keeps a variable that repeats a value, misses a case, has value labels or reads as a question', () => {
    const kindOf = (v: SavVariable, values: Array<number | string | null>) => buildDataMap(dataset([v, variable('Q1')], column(values))).variables[0]!.kind;
    const resp = (extra: Partial<SavVariable> = {}) => variable('resp', { label: 'Respondent number', ...extra });
    expect(kindOf(resp(), [5, 6, 6])).toBe('numeric');
    expect(kindOf(resp(), [5, null, 7])).toBe('numeric');
    expect(kindOf(resp({ valueLabels: [{ value: 5, label: 'Five' }] }), [5, 6, 7])).toBe('single');
    expect(kindOf(variable('kids', { label: 'Number of children' }), [0, 1, 2])).toBe('numeric');
  });
});
