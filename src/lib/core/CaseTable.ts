import type { CellValue } from './types';

/**
 * The cases of a dataset, read one cell at a time: `value(column, r)` is variable `column` of case `r` (numbers for
 * numeric variables, strings for string ones, null when system-missing).
 */
export interface CaseTable {
  /** Number of cases. */
  readonly count: number;
  /** The cell of variable `column` in case `r`. */
  value(column: number, r: number): CellValue;
}

/** One variable's cells: numbers in a typed array (NaN is system-missing), text as strings. */
export type CaseColumn = Float64Array | readonly string[];

/**
 * Cases stored column by column: 8 bytes per numeric cell and one (often shared) string per text cell, instead of an
 * array object per case. Memory is a small multiple of the data's decoded size, whatever the number of cases.
 */
export class ColumnCases implements CaseTable {
  constructor(
    readonly count: number,
    private readonly columns: readonly CaseColumn[],
  ) {}

  value(column: number, r: number): CellValue {
    const cells = this.columns[column];
    if (cells === undefined || r >= this.count) return null;
    if (cells instanceof Float64Array) {
      const v = cells[r] as number;
      return v === v ? v : null;
    }
    return cells[r] ?? null;
  }
}

/** A case table from rows of cells (row[i] aligns with variable i): fixtures, tests and small derived datasets. */
export function casesFromRows(rows: readonly CellValue[][], width = rows[0]?.length ?? 0): ColumnCases {
  const columns: CaseColumn[] = [];
  for (let c = 0; c < width; c++) {
    const text = rows.some((row) => typeof row[c] === 'string');
    if (text) {
      columns.push(rows.map((row) => (row[c] === null || row[c] === undefined ? '' : String(row[c]))));
    } else {
      columns.push(Float64Array.from(rows, (row) => (typeof row[c] === 'number' ? (row[c] as number) : Number.NaN)));
    }
  }
  return new ColumnCases(rows.length, columns);
}

/** Every case as a row of cells (row[i] is variable i): for small tables only (tests, fixtures, debugging). */
export function rowsOf(cases: CaseTable, width: number): CellValue[][] {
  return Array.from({ length: cases.count }, (_, r) => Array.from({ length: width }, (_, c) => cases.value(c, r)));
}

/** One row of cells as a case table of one case (case 0), read live: changing the row changes what it holds. */
export function singleCase(row: readonly CellValue[]): CaseTable {
  return { count: 1, value: (column) => row[column] ?? null };
}
