import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSavFile } from '@/lib/sav';
import { computeCrosstabs } from '@/lib/pipeline/stages/CrosstabComputation';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import type { Banner, CrosstabTable } from '@/lib/core/types';
import { PSPP, runPsppCsv } from './psppCrosstabs';

const N = 400;

/** Small deterministic PRNG (mulberry32) so the data is random but reproducible. */
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

/** Rows of G (group 1-3), AGE (18-85, 99 "Refused"), NIGHTS (1-14, 99 "Prefer not to say") and W (multiples of 0.25, some 0 or missing). */
function randomRows(seed: number): string[] {
  const random = rng(seed);
  const pick = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  return Array.from({ length: N }, () => {
    const age = random() < 0.06 ? 99 : pick(18, 85);
    const nights = random() < 0.05 ? 99 : pick(1, 14);
    const weight = random() < 0.03 ? '0' : random() < 0.02 ? '.' : String(pick(1, 12) / 4);
    return `${pick(1, 3)} ${age} ${nights} ${weight}`;
  });
}

/**
 * PSPP syntax: save a .sav where 99 is labelled as a non-answer but not declared missing (as the file under test is), then
 * declare it missing and run weighted DESCRIPTIVES, for everyone and per group (unrounded: SET FORMAT).
 */
function psppSyntax(sav: string): string {
  return [
    'DATA LIST LIST /G AGE NIGHTS W.',
    'BEGIN DATA.',
    ...randomRows(20260707),
    'END DATA.',
    "VARIABLE LABELS AGE 'Age in years' NIGHTS 'Number of nights stayed' G 'Group'.",
    "VALUE LABELS /AGE 99 'Refused' /NIGHTS 99 'Prefer not to say' /G 1 'One' 2 'Two' 3 'Three'.",
    'VARIABLE LEVEL AGE NIGHTS W (SCALE) /G (NOMINAL).',
    `SAVE OUTFILE='${sav}'.`,
    'MISSING VALUES AGE NIGHTS (99).',
    'WEIGHT BY W.',
    'SET FORMAT=F20.10 TVARS=NAMES.',
    'DESCRIPTIVES AGE NIGHTS /STATISTICS=MEAN STDDEV MIN MAX.',
    'SORT CASES BY G.',
    'SPLIT FILE SEPARATE BY G.',
    'DESCRIPTIVES AGE NIGHTS /STATISTICS=MEAN STDDEV MIN MAX.',
    '',
  ].join('\n');
}

type Descriptives = Map<string, { n: number; mean: number; sd: number; min: number; max: number }>;

/** Every "Descriptive Statistics" table of PSPP's CSV output, in order: N, mean, std dev, minimum and maximum by variable. */
function parseDescriptives(csv: string): Descriptives[] {
  const lines = csv.split('\n');
  const tables: Descriptives[] = [];
  lines.forEach((line, i) => {
    if (line !== 'Table: Descriptive Statistics') return;
    const table: Descriptives = new Map();
    for (let j = i + 2; j < lines.length && !/^(Valid N|$)/.test(lines[j] ?? ''); j++) {
      const [name, n, mean, sd, min, max] = (lines[j] ?? '').split(',');
      table.set(name ?? '', { n: Number(n), mean: Number(mean), sd: Number(sd), min: Number(min), max: Number(max) });
    }
    tables.push(table);
  });
  return tables;
}

const BANNER: Banner = {
  origin: 'plan',
  groups: [{ id: 'g', label: 'Group', columns: [1, 2, 3].map((c) => ({ id: `g${c}`, label: `G=${c}`, expression: `G == ${c}`, confidence: 1 })) }],
};

const stat = (table: CrosstabTable, label: string) => table.stats?.find((s) => s.label === label)?.values ?? [];

describe.skipIf(!existsSync(PSPP))('numeric statistics against PSPP DESCRIPTIVES, 99 labelled "Refused" but not declared missing', () => {
  let dir = '';
  let pspp: Descriptives[] = [];
  let ours = new Map<string, CrosstabTable>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'crosstab-descriptives-'));
    const sav = path.join(dir, 'stays.sav');
    pspp = parseDescriptives(runPsppCsv(psppSyntax(sav), dir));
    const dataset = await readSavFile(sav);
    expect(dataset.variables.find((v) => v.name === 'AGE')?.missing.values).toEqual([]);
    const tables = generateTables(buildDataMap(dataset), dataset);
    ours = new Map(computeCrosstabs(tables, BANNER, dataset, { weightVariable: 'W', significance: false }).map((t) => [t.tableId, t]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('produced the Total and per-group PSPP tables', () => {
    expect(pspp).toHaveLength(4);
  });

  it.each(['AGE', 'NIGHTS'])('%s: weighted base, mean, std dev, minimum and maximum of Total and each group', (name) => {
    const table = ours.get(`t_${name}`)!;
    pspp.forEach((descriptives, column) => {
      const ref = descriptives.get(name)!;
      expect(table.bases[column], `column ${column} base`).toBeCloseTo(ref.n, 9);
      expect(stat(table, 'Mean')[column], `column ${column} mean`).toBeCloseTo(ref.mean, 8);
      expect(stat(table, 'Std. deviation')[column], `column ${column} std dev`).toBeCloseTo(ref.sd, 8);
      expect(stat(table, 'Minimum')[column], `column ${column} minimum`).toBe(ref.min);
      expect(stat(table, 'Maximum')[column], `column ${column} maximum`).toBe(ref.max);
    });
    expect(stat(table, 'Maximum')[0]).toBeLessThan(99);
    expect(table.baseLabel).toMatch(/^Respondents who answered \(not counted: 99 "(Refused|Prefer not to say)", labelled as a non-answer\)$/);
  });
});
