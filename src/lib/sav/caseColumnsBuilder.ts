import { ColumnCases, type CaseColumn } from '@/lib/core/CaseTable';

/** Distinct texts shared per string column; past this every new text is kept as it comes. */
const MAX_SHARED_TEXTS = 4096;

/** A numeric column growing in a typed array (NaN for system-missing). */
class NumberColumn {
  private cells: Float64Array;
  constructor(capacity: number) {
    this.cells = new Float64Array(capacity);
  }
  set(r: number, value: number): void {
    if (r >= this.cells.length) {
      // Grows by half: a column being read past its limit never holds much more than the limit allows.
      const grown = new Float64Array(Math.max(16, Math.ceil(this.cells.length * 1.5)));
      grown.set(this.cells);
      this.cells = grown;
    }
    this.cells[r] = value;
  }
  done(count: number): Float64Array {
    return this.cells.length === count ? this.cells : this.cells.slice(0, count);
  }
}

/** A string column; repeated texts (codes, categories) share one string. */
class TextColumn {
  private readonly cells: string[] = [];
  private readonly shared = new Map<string, string>();
  set(r: number, text: string): void {
    let kept = this.shared.get(text);
    if (kept === undefined) {
      kept = text;
      if (this.shared.size < MAX_SHARED_TEXTS) this.shared.set(text, text);
    }
    this.cells[r] = kept;
  }
  done(count: number): string[] {
    this.cells.length = count;
    return this.cells;
  }
}

/** Builds a ColumnCases one case at a time; `expected` cases are allocated up front when the header declares them. */
export class CaseColumnsBuilder {
  private readonly columns: Array<NumberColumn | TextColumn>;

  constructor(kinds: ReadonlyArray<'numeric' | 'string'>, expected: number) {
    const capacity = Math.max(16, expected);
    this.columns = kinds.map((kind) => (kind === 'numeric' ? new NumberColumn(capacity) : new TextColumn()));
  }

  /** Set variable `column` of case `r` to a number (NaN when system-missing). */
  setNumber(column: number, r: number, value: number): void {
    (this.columns[column] as NumberColumn).set(r, value);
  }

  /** Set variable `column` of case `r` to a text. */
  setText(column: number, r: number, text: string): void {
    (this.columns[column] as TextColumn).set(r, text);
  }

  /** The first `count` cases. */
  build(count: number): ColumnCases {
    const columns: CaseColumn[] = this.columns.map((c) => c.done(count));
    return new ColumnCases(count, columns);
  }
}
