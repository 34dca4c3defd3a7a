import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the test suite expects pspp; the PSPP comparisons are skipped without it. */
export const PSPP = '/usr/bin/pspp';

/** One PSPP crosstab: counts by [row code][column code], with totals under key 'Total'. */
export type PsppTable = Map<string, Map<string, number>>;

/** Run `syntax` with pspp in `dir` and return its CSV output. */
export function runPsppCsv(syntax: string, dir: string): string {
  const sps = path.join(dir, 'run.sps');
  const csv = path.join(dir, 'out.csv');
  writeFileSync(sps, syntax);
  execFileSync(PSPP, ['-O', 'format=csv', '-o', csv, sps], { timeout: 60_000, stdio: 'ignore' });
  return readFileSync(csv, 'utf8');
}

const normaliseCode = (text: string): string => String(Number(text));

/** Parse every "Table: A × B" block of PSPP's CSV output (codes shown as values, e.g. with SET TNUMBERS=VALUES), in order. */
export function parsePsppCrosstabs(csv: string): Array<{ title: string; table: PsppTable }> {
  const lines = csv.split('\n');
  const result: Array<{ title: string; table: PsppTable }> = [];
  for (let i = 0; i < lines.length; i++) {
    const title = /^Table: (\w+ × \w+)$/.exec(lines[i] ?? '')?.[1];
    if (!title) continue;
    const header = (lines[i + 2] ?? '').split(',');
    const colCodes = header.slice(3, header.length - 1).map(normaliseCode);
    colCodes.push('Total');
    const table: PsppTable = new Map();
    let rowCode = '';
    for (let j = i + 3; j < lines.length && (lines[j] ?? '').trim() !== ''; j++) {
      const cells = (lines[j] ?? '').split(',');
      rowCode = cells[0] === 'Total' ? 'Total' : cells[1] ? normaliseCode(cells[1]) : rowCode;
      const counts = new Map<string, number>();
      colCodes.forEach((code, k) => counts.set(code, Number(cells[3 + k] ?? 'NaN')));
      table.set(rowCode, counts);
    }
    result.push({ title, table });
  }
  return result;
}

/** A cell of a PSPP crosstab (0 when PSPP left the row or column out). */
export const psppCount = (t: PsppTable, row: string, col: string): number => t.get(row)?.get(col) ?? 0;
