/**
 * Table-building benchmark: `npm run bench:tables`.
 * Writes a 30,000 × 300 survey file with pspp (once, in the OS temp folder), reads it, builds the data map, then times
 * TableGenerator over several rounds and prints the median, with a digest of the tables so runs can be compared.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import { readSavFile } from '@/lib/sav';
import { writeWideSav } from '../tests/e2e/wideDataset';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dir = path.join(tmpdir(), 'crosstab-bench-tables');
  const file = path.join(dir, 'wide-survey.sav');
  if (!existsSync(file)) writeWideSav(dir);

  let t = performance.now();
  const dataset = await readSavFile(file);
  const readMs = performance.now() - t;
  t = performance.now();
  const dataMap = buildDataMap(dataset);
  const mapMs = performance.now() - t;

  const times: number[] = [];
  let digest = '';
  let tableCount = 0;
  for (let i = 0; i < ROUNDS; i++) {
    t = performance.now();
    const tables = generateTables(dataMap, dataset);
    times.push(performance.now() - t);
    tableCount = tables.length;
    digest = createHash('sha256').update(JSON.stringify(tables)).digest('hex').slice(0, 16);
  }
  const rows: Array<[string, string]> = [
    ['file', `${dataset.cases.count} rows × ${dataset.variables.length} variables`],
    ['readSavFile', `${readMs.toFixed(0)} ms`],
    ['buildDataMap', `${mapMs.toFixed(0)} ms`],
    [
      'generateTables (median)',
      `${median(times).toFixed(1)} ms over ${ROUNDS} rounds (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`,
    ],
    ['tables', `${tableCount}, digest ${digest}`],
  ];
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(26)}${v}\n`);
}

void main();
