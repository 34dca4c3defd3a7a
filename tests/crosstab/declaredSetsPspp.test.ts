import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCrosstabs } from '@/lib/pipeline/stages/CrosstabComputation';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import { readSavFile } from '@/lib/sav';
import type { Banner, CrosstabTable, DataMap } from '@/lib/core/types';
import { PSPP, parsePsppCrosstabs, psppCount, runPsppCsv, type PsppTable } from './psppCrosstabs';

/**
 * The commuter-survey example (weighted with two-decimal weights, sets declared with pspp's MRSETS) against PSPP reading
 * the same file: every member of a dichotomy set crosstabulated on its own, every code of the category set as "any
 * member holds it", and each set's base as "answered any member", by Total, gender and age group.
 */
const SAV = path.resolve(__dirname, '../../examples/commuter-survey/commuter-survey.sav');
const MODES = ['uses_car', 'uses_bus', 'uses_train', 'uses_bike', 'uses_walk'];
const WANTS = ['want_a', 'want_b', 'want_c', 'want_d'];
const REASONS = ['reason1', 'reason2', 'reason3'];
const REASON_CODES = [1, 2, 3, 4, 5, 6];
const BY = { ONE: ['total'], gender: ['1', '2', '3'], agegrp: ['1', '2', '3'] } as const;

const columns = (name: string, codes: readonly string[]) =>
  codes.map((c) => ({ id: `${name}${c}`, label: `${name}=${c}`, expression: `${name} == ${c}`, confidence: 1 }));
const BANNER: Banner = {
  origin: 'plan',
  groups: [
    { id: 'gender', label: 'Gender', columns: columns('gender', BY.gender) },
    { id: 'agegrp', label: 'Age', columns: columns('agegrp', BY.agegrp) },
  ],
};

function psppSyntax(): string {
  const nvalid = (vars: string[]) => `NVALID(${vars.join(', ')}) > 0`;
  const reasonFlags = REASON_CODES.flatMap((k) => [`COMPUTE reason_${k} = 0.`, `IF (${REASONS.map((r) => `${r} = ${k}`).join(' OR ')}) reason_${k} = 1.`]);
  const rows = [...MODES, ...WANTS, 'any_mode', 'any_want', 'any_reason', ...REASON_CODES.map((k) => `reason_${k}`)];
  return [
    'SET TNUMBERS=VALUES TVARS=NAMES.',
    `GET FILE='${SAV}'.`,
    'COMPUTE ONE = 1.',
    `COMPUTE any_mode = ${nvalid(MODES)}.`,
    `COMPUTE any_want = ${nvalid(WANTS)}.`,
    `COMPUTE any_reason = ${nvalid(REASONS)}.`,
    ...reasonFlags,
    `CROSSTABS /TABLES=${rows.join(' ')} BY ONE gender agegrp /CELLS=COUNT /COUNT=ASIS.`,
    '',
  ].join('\n');
}

describe.skipIf(!existsSync(PSPP))('declared multiple-response sets against PSPP CROSSTABS (commuter-survey, weighted)', () => {
  let dir = '';
  let pspp = new Map<string, PsppTable>();
  let ours = new Map<string, CrosstabTable>();
  let dataMap: DataMap;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'crosstab-mrsets-pspp-'));
    pspp = new Map(parsePsppCrosstabs(runPsppCsv(psppSyntax(), dir)).map((t) => [t.title, t.table]));
    const dataset = await readSavFile(SAV);
    dataMap = buildDataMap(dataset);
    const tables = generateTables(dataMap, dataset);
    const computed = computeCrosstabs(tables, BANNER, dataset, { weightVariable: dataset.weightVariable, significance: false });
    ours = new Map(computed.map((t) => [t.tableId, t]));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Compare one of our rows (or the base, when rowId is null) with the "1" row of a 0/1 variable in PSPP, column by column. */
  function expectSameAsPspp(tableId: string, rowId: string | null, psppVariable: string, psppRow = '1'): void {
    const table = ours.get(tableId);
    expect(table, tableId).toBeDefined();
    const row = rowId === null ? null : table!.rows.find((r) => r.id === rowId);
    if (rowId !== null) expect(row, `${tableId} ${rowId}`).toBeDefined();
    for (const [by, codes] of Object.entries(BY)) {
      const ref = pspp.get(`${psppVariable} × ${by}`);
      expect(ref, `${psppVariable} × ${by}`).toBeDefined();
      if (by === 'ONE') expect(psppCount(ref!, psppRow, '1'), `PSPP ${psppVariable} total`).toBeGreaterThan(0);
      for (const code of codes) {
        const c = table!.columns.findIndex((col) => col.id === (by === 'ONE' ? 'total' : `${by}${code}`));
        const count = row ? row.cells[c]!.count : table!.bases[c]!;
        expect(count, `${tableId} ${rowId ?? 'base'} in ${by} ${code}`).toBeCloseTo(psppCount(ref!, psppRow, by === 'ONE' ? '1' : code), 9);
      }
    }
  }

  it('tabulates the three declared sets and not the respondent number', () => {
    expect(dataMap.variables.find((v) => v.name === 'resp')?.kind).toBe('id');
    const multi = dataMap.questions.filter((q) => q.kind === 'multi').map((q) => [q.id, q.label]);
    expect(multi).toEqual([
      ['$modes', 'Ways of getting to work in the past month'],
      ['$reasons', 'Reasons for choosing the main way to work'],
      ['$wants', 'Improvements wanted'],
    ]);
    const tabulated = new Set(dataMap.questions.flatMap((q) => (q.declaredSet ? [] : q.variables)));
    for (const member of [...MODES, ...WANTS, ...REASONS, 'resp']) expect(tabulated.has(member), member).toBe(false);
    expect(ours.get('t_$wants')!.rows.map((r) => r.label)).toEqual(['More frequent trains', 'Safer cycle lanes', 'Cheaper fares', 'More parking']);
  });

  it('matches PSPP per member of the dichotomy sets, counted value 1 and counted value 2', () => {
    for (const v of MODES) expectSameAsPspp('t_$modes', `r_${v}`, v, '1');
    for (const v of WANTS) expectSameAsPspp('t_$wants', `r_${v}`, v, '2');
  });

  it('matches PSPP per code of the category set, each respondent counted once', () => {
    for (const k of REASON_CODES) expectSameAsPspp('t_$reasons', `r_${k}`, `reason_${k}`);
    expect(ours.get('t_$reasons')!.rows.map((r) => r.id)).toEqual(REASON_CODES.map((k) => `r_${k}`));
  });

  it('matches PSPP on each set base: respondents who answered any member, weighted', () => {
    expectSameAsPspp('t_$modes', null, 'any_mode');
    expectSameAsPspp('t_$wants', null, 'any_want');
    expectSameAsPspp('t_$reasons', null, 'any_reason');
    // Weighted (not a whole number) and short of everyone: some respondents answered no item of the set.
    const modes = ours.get('t_$modes')!;
    expect(Number.isInteger(modes.bases[0])).toBe(false);
    expect(modes.unweightedBases[0]).toBeLessThan(600);
  });
});
