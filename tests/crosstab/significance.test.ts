import { describe, expect, it } from 'vitest';
import { columnLetter } from '@/lib/crosstab/columnLetter';
import { selectedCode } from '@/lib/core/selectedCode';
import { computeCrosstabs } from '@/lib/pipeline/stages/CrosstabComputation';
import type { Banner, CellValue, SavDataset, SavVariable, TableDefinition } from '@/lib/core/types';
import { casesFromRows } from '@/lib/core/CaseTable';

const v = (name: string): SavVariable => ({ name, label: name, type: 'numeric', missing: { values: [] }, valueLabels: [] });
const TABLE: TableDefinition = {
  id: 't_Y',
  questionId: 'Y',
  title: 'Y',
  kind: 'single',
  variables: ['Y'],
  rows: [{ id: 'yes', label: 'Yes', codes: [1] }],
  baseLabel: 'All respondents',
  notes: [],
};
const BANNER: Banner = {
  origin: 'plan',
  groups: [
    {
      id: 'g1',
      label: 'G1',
      columns: [
        { id: 'a', label: 'A', expression: 'G == 1', confidence: 1 },
        { id: 'b', label: 'B', expression: 'G == 2', confidence: 1 },
      ],
    },
    { id: 'g2', label: 'G2', columns: [{ id: 'c', label: 'C', expression: 'H == 1', confidence: 1 }] },
  ],
};

/** Rows [G, H, Y, W]: `yes` of `n` respondents in group g answer Y = 1, the others Y = 2. */
function group(g: number, n: number, yes: number, weight: (i: number) => number): CellValue[][] {
  return Array.from({ length: n }, (_, i) => [g, g === 1 ? 1 : 0, i < yes ? 1 : 2, weight(i)]);
}
const dataset = (rows: CellValue[][]): SavDataset => ({
  fileName: 's.sav',
  variables: [v('G'), v('H'), v('Y'), v('W')],
  cases: casesFromRows(rows, 4),
  weightVariable: 'W',
  encoding: 'UTF-8',
});

describe('significance letters', () => {
  it('marks a column significantly higher than another of its group only', () => {
    // A: 30/50 = .6, B: 15/50 = .3; pooled .45; se = √(.45·.55·(1/50+1/50)) = .0995; z = .3/.0995 = 3.02 > 1.96
    const data = dataset([...group(1, 50, 30, () => 1), ...group(2, 50, 15, () => 1)]);
    const [table] = computeCrosstabs([TABLE], BANNER, data, { weightVariable: null, significance: true });
    const cells = table?.rows[0]?.cells ?? [];
    expect(cells.map((c) => c.sig)).toEqual([undefined, ['B'], [], []]);
  });

  it('does not test when significance is off', () => {
    const data = dataset([...group(1, 50, 30, () => 1), ...group(2, 50, 15, () => 1)]);
    const [table] = computeCrosstabs([TABLE], BANNER, data, { weightVariable: null, significance: false });
    expect(table?.rows[0]?.cells.every((c) => c.sig === undefined)).toBe(true);
  });

  it('uses the Kish effective base for weighted data', () => {
    // A: 20 respondents, 12 yes; weights alternate 5 and 0.2 -> p = (6·5+6·.2)/(10·5+10·.2) = 31.2/52 = .6
    //    n_eff = 52² / (10·25 + 10·.04) = 2704/250.4 = 10.80
    // B: 20 respondents weight 1, 5 yes -> p = .25, n = 20
    // Unweighted n (20 vs 20): pooled .425, se = √(.425·.575·.1) = .1563, z = 2.24 (would be significant)
    // Kish: pooled = (.6·10.8+.25·20)/30.8 = .3727, se = √(.3727·.6273·(1/10.8+1/20)) = .1826, z = 1.92 < 1.96
    const alternating = (i: number) => (i % 2 === 0 ? 5 : 0.2);
    const data = dataset([...group(1, 20, 12, alternating), ...group(2, 20, 5, () => 1)]);
    const [weighted] = computeCrosstabs([TABLE], BANNER, data, { weightVariable: 'W', significance: true });
    expect(weighted?.rows[0]?.cells[1]?.percent).toBeCloseTo(60, 10);
    expect(weighted?.rows[0]?.cells[1]?.sig).toEqual([]);
    const [unweighted] = computeCrosstabs([TABLE], BANNER, data, { weightVariable: null, significance: true });
    expect(unweighted?.rows[0]?.cells[1]?.sig).toEqual(['B']);
  });
});

describe('crosstab helpers', () => {
  it('letters columns like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });

  it('finds the code meaning selected', () => {
    const item = (labels: Array<[number, string]>, missing: number[] = []) => ({
      valueLabels: labels.map(([value, label]) => ({ value, label })),
      missing: { values: missing },
    });
    expect(selectedCode(item([]))).toBe(1);
    expect(
      selectedCode(
        item([
          [0, 'Not selected'],
          [1, 'Selected'],
        ]),
      ),
    ).toBe(1);
    expect(
      selectedCode(
        item([
          [1, 'Not chosen'],
          [2, 'Chosen'],
        ]),
      ),
    ).toBe(2);
    expect(
      selectedCode(
        item([
          [1, 'Yes'],
          [2, 'No'],
        ]),
      ),
    ).toBe(1);
    expect(
      selectedCode(
        item([
          [1, 'Not selected'],
          [2, 'Selected'],
        ]),
      ),
    ).toBe(2);
    expect(
      selectedCode(
        item(
          [
            [1, 'No'],
            [2, 'Yes'],
            [9, 'Refused'],
          ],
          [9],
        ),
      ),
    ).toBe(2);
    expect(
      selectedCode(
        item([
          [1, 'No'],
          [2, 'Yes'],
          [9, "Don't know"],
        ]),
      ),
    ).toBe(2);
    expect(
      selectedCode({
        ...item([
          [1, 'No'],
          [2, 'Yes'],
          [8, 'Skipped'],
        ]),
        missing: { values: [], range: { low: 8, high: 9 } },
      }),
    ).toBe(2);
  });
});
