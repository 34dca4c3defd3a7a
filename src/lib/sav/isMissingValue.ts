import type { CellValue, SavVariable } from '@/lib/pipeline/types';

/** True when a cell is system-missing, blank (strings), or one of the variable's declared user-missing values. */
export function isMissingValue(variable: Pick<SavVariable, 'type' | 'missing'>, value: CellValue): boolean {
  if (value === null) return true;
  if (typeof value === 'string') {
    const trimmed = value.trimEnd();
    return trimmed === '' || variable.missing.values.some((m) => String(m).trimEnd() === trimmed);
  }
  if (Number.isNaN(value)) return true;
  if (variable.missing.values.includes(value)) return true;
  const range = variable.missing.range;
  return range !== undefined && value >= range.low && value <= range.high;
}
