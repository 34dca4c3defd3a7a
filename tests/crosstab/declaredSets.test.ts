import { beforeAll, describe, expect, it } from 'vitest';
import { computeCrosstabs } from '@/lib/pipeline/stages/CrosstabComputation';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import { readSavFile } from '@/lib/sav';
import type { Banner, CrosstabTable, SavDataset, TableDefinition } from '@/lib/core/types';

/**
 * The multiple-response fixture (scripts/examples/fixtures.ts), eight weighted respondents:
 *   resp car bus bicycle m1 m2 tea  coffee wgt
 *   7    1   0   1       3  2  yes  no     1.5
 *   3    0   1   0       1  .  no   yes    0.5
 *   12   1   1   9       2  1  yes  yes    2
 *   5    9   9   9       .  .  ''   ''     1.25   (answered none of the sets)
 *   9    0   0   1       4  3  no   no     0.75
 *   2    1   0   0       2  .  yes  ''     1
 *   10   0   1   1       1  2  no   yes    1.5
 *   4    1   1   1       3  4  yes  yes    0.5
 * 9 is "No answer" (user-missing) on the travel items.
 */
const BANNER: Banner = {
  origin: 'plan',
  groups: [{ id: 'g', label: 'Travel', columns: [{ id: 'car', label: 'Drivers', expression: 'uses_car == 1', confidence: 1 }] }],
};

let dataset: SavDataset;
let tables: TableDefinition[];
let computed: Map<string, CrosstabTable>;

beforeAll(async () => {
  dataset = await readSavFile('tests/fixtures/sav/mrsets.sav');
  tables = generateTables(buildDataMap(dataset), dataset);
  const result = computeCrosstabs(tables, BANNER, dataset, { weightVariable: dataset.weightVariable, significance: false });
  computed = new Map(result.map((t) => [t.tableId, t]));
});

/** Total and Drivers counts of every row, and the two bases. */
const countsOf = (id: string) => {
  const t = computed.get(id)!;
  return { bases: t.bases, rows: t.rows.map((r) => [r.label, ...r.cells.map((c) => c.count)]) };
};

describe('tables of declared multiple-response sets', () => {
  it('makes one multi-response table per set, titled with its label, and none for its members or the respondent number', () => {
    expect(tables.map((t) => [t.id, t.kind, t.title])).toEqual([
      ['t_$used', 'multi', '$used: Ways of travelling'],
      ['t_$travel', 'multi', '$travel: Car'],
      ['t_$brands', 'multi', '$brands: Brands mentioned'],
      ['t_$drinks', 'multi', '$drinks: Drinks'],
    ]);
  });

  it('labels dichotomy rows by variable label or by the counted value label, as the set says', () => {
    const rows = (id: string) => tables.find((t) => t.id === id)!.rows.map((r) => [r.label, r.codes]);
    expect(rows('t_$used')).toEqual([
      ['Car', ['uses_car']],
      ['Bus', ['uses_bus']],
      ['Bicycle', ['uses_bicycle']],
    ]);
    expect(rows('t_$travel')).toEqual([
      ['Drove', ['uses_car']],
      ['Took the bus', ['uses_bus']],
      ['Cycled', ['uses_bicycle']],
    ]);
    expect(tables.find((t) => t.id === 't_$drinks')!.responseSet).toEqual({ type: 'dichotomy', countedValue: 'yes' });
  });

  it('gives a category set one row per code across its members', () => {
    const brands = tables.find((t) => t.id === 't_$brands')!;
    expect(brands.responseSet).toEqual({ type: 'category' });
    expect(brands.rows.map((r) => [r.label, r.codes])).toEqual([
      ['Alpha', [1]],
      ['Bravo', [2]],
      ['Cobalt', [3]],
      ['Delta', [4]],
    ]);
  });

  it('counts the counted value per member, weighted, with the base of those who answered any member', () => {
    // Total base: everyone but resp 5 = 7.75; drivers are resp 7, 12, 2, 4 = 1.5 + 2 + 1 + 0.5 = 5.
    expect(countsOf('t_$used')).toEqual({
      bases: [7.75, 5],
      rows: [
        ['Car', 5, 5],
        ['Bus', 4.5, 2.5],
        ['Bicycle', 4.25, 2],
      ],
    });
    expect(countsOf('t_$drinks')).toEqual({
      bases: [7.75, 5],
      rows: [
        ['Drinks tea', 5, 5],
        ['Drinks coffee', 4.5, 2.5],
      ],
    });
  });

  it('counts a respondent once per category whichever member holds it', () => {
    expect(countsOf('t_$brands')).toEqual({
      bases: [7.75, 5],
      rows: [
        ['Alpha', 4, 2],
        ['Bravo', 6, 4.5],
        ['Cobalt', 2.75, 2],
        ['Delta', 1.25, 0.5],
      ],
    });
  });

  it('counts a NET of category codes given as text once per respondent', () => {
    const brands = tables.find((t) => t.id === 't_$brands')!;
    const withNet: TableDefinition = { ...brands, rows: [...brands.rows, { id: 'net', label: 'Alpha or Bravo', codes: ['1', '2'], isNet: true }] };
    const [t] = computeCrosstabs([withNet], BANNER, dataset, { weightVariable: 'wgt', significance: false });
    // Alpha or Bravo: resp 7, 3, 12, 2, 10 = 1.5 + 0.5 + 2 + 1 + 1.5.
    expect(t!.rows.at(-1)!.cells.map((c) => c.count)).toEqual([6.5, 4.5]);
  });
});
