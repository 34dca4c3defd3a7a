import { terminalSafe } from '@/lib/core/terminalSafe';

/** How a column is aligned. */
export type Align = 'left' | 'right';

/**
 * Rows of cells as lines with aligned columns (two spaces apart, trailing spaces trimmed). The first row is the header.
 * Cells are made terminal-safe first, so the widths are those of the text as shown.
 */
export function textTable(cells: ReadonlyArray<readonly string[]>, align: readonly Align[] = []): string[] {
  const rows = cells.map((row) => row.map(terminalSafe));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (align[i] === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
