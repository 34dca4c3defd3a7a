import { missingChecker } from '@/lib/core/missingChecker';
import type { MultiResponseSet, ResponseSetReading, SavDataset, SavVariable, TableRow } from '@/lib/core/types';
import { compareCodes } from './compareCodes';

/** A member of a set: its column and dictionary entry. */
interface Member {
  index: number;
  variable: SavVariable;
}

const trimmed = (v: number | string): number | string => (typeof v === 'string' ? v.trimEnd() : v);

/**
 * Rows of a declared set's table and how they are read. A dichotomy set has one row per member, labelled by the member's
 * variable label or, with CATEGORYLABELS=COUNTEDVALUES, by its value label of the counted value. A category set has one
 * row per code labelled or observed in any member (user-missing codes left out), in code order.
 */
export function declaredSetRows(set: MultiResponseSet, members: Member[], dataset: SavDataset): { rows: TableRow[]; responseSet: ResponseSetReading } {
  if (set.type === 'dichotomy') {
    const countedValue = set.countedValue ?? 1;
    const rows = members.map(({ variable }) => ({
      id: `r_${variable.name}`,
      label: (set.categoryLabels === 'countedvalues' ? countedValueLabel(variable, countedValue) : '') || variable.label || variable.name,
      codes: [variable.name],
    }));
    return { rows, responseSet: { type: 'dichotomy', countedValue } };
  }
  return { rows: categoryRows(members, dataset), responseSet: { type: 'category' } };
}

function countedValueLabel(variable: SavVariable, countedValue: number | string): string {
  return variable.valueLabels.find((vl) => trimmed(vl.value) === trimmed(countedValue))?.label ?? '';
}

function categoryRows(members: Member[], dataset: SavDataset): TableRow[] {
  const labels = new Map<number | string, string>();
  const codes = new Set<number | string>();
  const checkers = members.map(({ variable }) => missingChecker(variable));
  members.forEach(({ variable }, m) => {
    for (const vl of variable.valueLabels) {
      const code = trimmed(vl.value);
      if (checkers[m]!(code)) continue;
      codes.add(code);
      if (!labels.has(code)) labels.set(code, vl.label);
    }
  });
  const { cases } = dataset;
  for (let r = 0; r < cases.count; r++) {
    members.forEach(({ index }, m) => {
      const value = cases.value(index, r);
      if (!checkers[m]!(value)) codes.add(trimmed(value as number | string));
    });
  }
  return [...codes].sort(compareCodes).map((code) => ({ id: `r_${code}`, label: labels.get(code) ?? String(code), codes: [code] }));
}
