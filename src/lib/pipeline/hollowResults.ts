import type { CrosstabTable, SavDataset } from '@/lib/core/types';

/** Most table titles named in the empty-tables warning. */
const MAX_TITLES = 5;

/** A warning when the data declares a weight but no case has a positive weight: every weighted base would be 0. */
export function zeroWeightsWarning(dataset: SavDataset): string | null {
  if (dataset.weightVariable === null) return null;
  const column = dataset.variables.findIndex((v) => v.name === dataset.weightVariable);
  if (column < 0) return null;
  for (let r = 0; r < dataset.cases.count; r++) {
    const w = dataset.cases.value(column, r);
    if (typeof w === 'number' && Number.isFinite(w) && w > 0) return null;
  }
  return `The weight variable ${dataset.weightVariable} is 0 (or missing) for every case: every weighted count and base is 0.`;
}

/** A warning naming the tables whose every base (total and every column) is 0: they have no respondents to show. */
export function emptyTablesWarning(tables: readonly CrosstabTable[]): string | null {
  const empty = tables.filter((t) => t.bases.length > 0 && t.bases.every((b) => b === 0));
  if (empty.length === 0) return null;
  const named = empty
    .slice(0, MAX_TITLES)
    .map((t) => `"${t.title}"`)
    .join(', ');
  const more = empty.length > MAX_TITLES ? ` and ${empty.length - MAX_TITLES} more` : '';
  return `${empty.length} of ${tables.length} tables have a base of 0 in every column (no respondents): ${named}${more}.`;
}
