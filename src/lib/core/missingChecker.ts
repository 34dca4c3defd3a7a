import type { CellValue, SavVariable } from '@/lib/core/types';

/** Build a predicate telling whether a cell of `variable` is missing: system-missing (null/NaN/blank string) or declared user-missing. */
export function missingChecker(variable: Pick<SavVariable, 'missing'>): (value: CellValue) => boolean {
  const numericMissing = new Set<number>();
  const stringMissing = new Set<string>();
  for (const v of variable.missing.values) {
    if (typeof v === 'number') numericMissing.add(v);
    else {
      stringMissing.add(v.trimEnd());
      const asNumber = Number(v);
      if (v.trim() !== '' && Number.isFinite(asNumber)) numericMissing.add(asNumber);
    }
  }
  const range = variable.missing.range;
  return (value) => {
    if (value === null) return true;
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return true;
      if (numericMissing.has(value)) return true;
      return range !== undefined && value >= range.low && value <= range.high;
    }
    const trimmed = value.trimEnd();
    return trimmed === '' || stringMissing.has(trimmed);
  };
}
