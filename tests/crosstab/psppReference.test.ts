import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCrosstabs } from '@/lib/pipeline/stages/CrosstabComputation';
import type { Banner, CellValue, CrosstabTable, SavDataset, SavVariable, TableDefinition } from '@/lib/core/types';
import { PSPP, parsePsppCrosstabs, psppCount, type PsppTable } from './psppCrosstabs';
import { casesFromRows, rowsOf } from '@/lib/core/CaseTable';

const N = 400;

/** Small deterministic PRNG (mulberry32) so the dataset is random but reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const variable = (name: string, missing: number[] = []): SavVariable => ({
  name,
  label: name,
  type: 'numeric',
  missing: { values: missing },
  valueLabels: [],
});
const NAMES = ['G', 'R', 'Z', 'Y', 'M1', 'M2', 'M3', 'W'] as const;
const VARIABLES = NAMES.map((n) => variable(n, n === 'Y' || n === 'G' ? [9] : []));

/** Random respondents; weights are multiples of 0.25 so PSPP's two-decimal output is exact. */
function randomDataset(seed: number): SavDataset {
  const random = rng(seed);
  const pick = (k: number) => 1 + Math.floor(random() * k);
  const maybe = (value: number, pMissing: number): CellValue => (random() < pMissing ? null : value);
  const rows: CellValue[][] = Array.from({ length: N }, () => {
    const g = random() < 0.04 ? 9 : pick(3);
    const y = random() < 0.05 ? 9 : pick(5);
    const weight = random() < 0.03 ? 0 : random() < 0.02 ? null : pick(12) / 4;
    const item = () => maybe(random() < 0.4 ? 1 : 0, 0.1);
    return [maybe(g, 0.03), pick(4), pick(2), maybe(y, 0.05), item(), item(), item(), weight];
  });
  return { fileName: 'random.sav', variables: VARIABLES, cases: casesFromRows(rows, VARIABLES.length), weightVariable: 'W', encoding: 'UTF-8' };
}

const columns = (name: string, codes: number[]) =>
  codes.map((c) => ({ id: `${name}${c}`, label: `${name}=${c}`, expression: `${name} == ${c}`, confidence: 1 }));
const BANNER: Banner = {
  origin: 'plan',
  groups: [
    { id: 'g', label: 'G', columns: columns('G', [1, 2, 3]) },
    { id: 'r', label: 'R', columns: columns('R', [1, 2, 3, 4]) },
  ],
};
const singleTable = (id: string, baseFilter?: string): TableDefinition => ({
  id,
  questionId: 'Y',
  title: 'Y',
  kind: 'single',
  variables: ['Y'],
  rows: [1, 2, 3, 4, 5].map((c) => ({ id: `r_${c}`, label: String(c), codes: [c] })),
  ...(baseFilter ? { baseFilter } : {}),
  baseLabel: baseFilter ?? 'All respondents',
  notes: [],
});
const MULTI: TableDefinition = {
  id: 't_M',
  questionId: 'M',
  title: 'M',
  kind: 'multi',
  variables: ['M1', 'M2', 'M3'],
  rows: ['M1', 'M2', 'M3'].map((v) => ({ id: `r_${v}`, label: v, codes: [v] })),
  baseLabel: 'All respondents',
  notes: [],
};

/** PSPP syntax: save the data as .sav, read it back, and run weighted CROSSTABS with unrounded counts. */
function psppSyntax(dataset: SavDataset, dir: string): string {
  const data = rowsOf(dataset.cases, dataset.variables.length)
    .map((r) => r.map((v) => (v === null ? '.' : String(v))).join(' '))
    .join('\n');
  const sav = path.join(dir, 'random.sav');
  return [
    `DATA LIST LIST /${NAMES.join(' ')}.`,
    'BEGIN DATA.',
    data,
    'END DATA.',
    'MISSING VALUES G Y (9).',
    'COMPUTE ONE = 1.',
    `SAVE OUTFILE='${sav}'.`,
    `GET FILE='${sav}'.`,
    'WEIGHT BY W.',
    'CROSSTABS /TABLES=Y BY ONE /TABLES=Y BY G /TABLES=Y BY R /TABLES=M1 BY G /TABLES=M2 BY R /CELLS=COUNT /COUNT=ASIS.',
    'TEMPORARY.',
    'SELECT IF (Z = 1).',
    'CROSSTABS /TABLES=Y BY G /CELLS=COUNT /COUNT=ASIS.',
    '',
  ].join('\n');
}

const cellsOf = (table: CrosstabTable, rowId: string) => table.rows.find((r) => r.id === rowId)?.cells ?? [];
const colIndex = (table: CrosstabTable, id: string) => table.columns.findIndex((c) => c.id === id);

describe.skipIf(!existsSync(PSPP))('CrosstabComputation against PSPP CROSSTABS (weighted)', () => {
  let dir = '';
  let pspp: Array<{ title: string; table: PsppTable }> = [];
  let ours = new Map<string, CrosstabTable>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'crosstab-pspp-'));
    const dataset = randomDataset(20260101);
    await writeFile(path.join(dir, 'run.sps'), psppSyntax(dataset, dir));
    execFileSync(PSPP, ['-O', 'format=csv', '-o', path.join(dir, 'out.csv'), path.join(dir, 'run.sps')], {
      timeout: 60_000,
      stdio: 'ignore',
    });
    pspp = parsePsppCrosstabs(await readFile(path.join(dir, 'out.csv'), 'utf8'));
    const tables = [singleTable('t_Y'), singleTable('t_Y_z', 'Z == 1'), MULTI];
    const computed = computeCrosstabs(tables, BANNER, dataset, { weightVariable: 'W', significance: false });
    ours = new Map(computed.map((t) => [t.tableId, t]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('produced the expected PSPP tables', () => {
    expect(pspp.map((p) => p.title)).toEqual(['Y × ONE', 'Y × G', 'Y × R', 'M1 × G', 'M2 × R', 'Y × G']);
  });

  it('matches weighted counts and bases of a single question, Total and every banner column', () => {
    const y = ours.get('t_Y') as CrosstabTable;
    const checks: Array<[number, string, string[]]> = [
      [0, 'ONE', ['total']],
      [1, 'G', ['G1', 'G2', 'G3']],
      [2, 'R', ['R1', 'R2', 'R3', 'R4']],
    ];
    for (const [k, name, ids] of checks) {
      const ref = (pspp[k] as { table: PsppTable }).table;
      for (const id of ids) {
        const code = id === 'total' ? '1' : id.slice(name.length);
        const c = colIndex(y, id);
        for (const row of [1, 2, 3, 4, 5]) {
          expect(cellsOf(y, `r_${row}`)[c]?.count, `${id} code ${row}`).toBeCloseTo(psppCount(ref, String(row), code), 9);
        }
        expect(y.bases[c], `${id} base`).toBeCloseTo(psppCount(ref, 'Total', code), 9);
      }
    }
    expect(y.bases[0]).toBeGreaterThan(100);
  });

  it('matches counts under a base filter', () => {
    const y = ours.get('t_Y_z') as CrosstabTable;
    const ref = (pspp[5] as { table: PsppTable }).table;
    for (const code of ['1', '2', '3']) {
      const c = colIndex(y, `G${code}`);
      for (const row of [1, 2, 3, 4, 5]) {
        expect(cellsOf(y, `r_${row}`)[c]?.count).toBeCloseTo(psppCount(ref, String(row), code), 9);
      }
      expect(y.bases[c]).toBeCloseTo(psppCount(ref, 'Total', code), 9);
    }
  });

  it('matches selected counts of multi-response items', () => {
    const m = ours.get('t_M') as CrosstabTable;
    const byG = (pspp[3] as { table: PsppTable }).table;
    const byR = (pspp[4] as { table: PsppTable }).table;
    for (const code of ['1', '2', '3']) {
      expect(cellsOf(m, 'r_M1')[colIndex(m, `G${code}`)]?.count).toBeCloseTo(psppCount(byG, '1', code), 9);
    }
    for (const code of ['1', '2', '3', '4']) {
      expect(cellsOf(m, 'r_M2')[colIndex(m, `R${code}`)]?.count).toBeCloseTo(psppCount(byR, '1', code), 9);
    }
  });
});
