import { isNotAskedLabel } from './nonAnswerLabel';
import type { CrosstabTable } from './types';

/**
 * One warning per computed table whose base still counts respondents in a row labelled "Not asked" (or "Skipped"…): the
 * question's routing was missed or read too wide, so its base holds people who were never asked it.
 */
export function notAskedInBase(tables: readonly CrosstabTable[]): string[] {
  const warnings: string[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      const count = row.cells[0]?.count ?? 0;
      if (row.isNet || count <= 0 || !isNotAskedLabel(row.label)) continue;
      const total = table.bases[0] ?? 0;
      warnings.push(
        `"${table.title}": ${formatCount(count)} of the base of ${formatCount(total)} are coded "${row.label}": the question's routing was missed or read too wide (base: ${table.baseLabel}), so its base includes people who were not asked it.`,
      );
    }
  }
  return warnings;
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
