import { codesShownAsOtherNumbers } from '@/lib/core/numericAnswers';
import type { CellValue, SavDataset, SavVariable, TableRow } from '@/lib/core/types';

/** What one pass over a numeric question's column says. */
export interface NumericColumn {
  /** Answers: cases neither missing nor coded as a non-answer. */
  answered: number;
  min: number;
  max: number;
  /** Whether every answer is a whole number. */
  whole: boolean;
}

/** Most rows of a numeric question whose labels show other numbers than its codes: one per code, when they are few. */
const MAX_CODE_ROWS = 21;

/** A range a label states ("Satisfaction (0-10)", "from 1 to 10"), as two numbers from 0 to 10. */
const STATED_RANGE = /(?:^|[^\d.])(\d{1,2})\s*(?:-|–|—|to)\s*(\d{1,2})(?![\d.])/;

/** One pass over a numeric question's column (`isMissing` says what is not an answer); null when nobody answered. */
export function scanNumericColumn(dataset: SavDataset, col: number, isMissing: (v: CellValue) => boolean): NumericColumn | null {
  const { cases } = dataset;
  const column: NumericColumn = { answered: 0, min: Infinity, max: -Infinity, whole: true };
  for (let r = 0; r < cases.count; r++) {
    const value = cases.value(col, r);
    if (isMissing(value)) continue;
    column.answered++;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      column.whole = false;
      continue;
    }
    if (value < column.min) column.min = value;
    if (value > column.max) column.max = value;
  }
  return column.answered === 0 ? null : column;
}

/**
 * The distribution rows of a numeric question, one per whole number from the lowest to the highest of its answers and
 * labelled answer codes: for a scale whose answers all lie from 0 to 10 (widened to a range its label states, "(0-10)",
 * when that range holds every answer), or, when its labels show other numbers than its codes (a 0-10 scale stored as
 * 1-11), for at most MAX_CODE_ROWS codes, since such a table has no statistics. Otherwise none.
 */
export function numericRows(variable: SavVariable, label: string, column: NumericColumn, isMissing: (v: CellValue) => boolean): TableRow[] {
  if (!column.whole) return [];
  const labels = new Map<number, string>();
  for (const vl of variable.valueLabels) if (typeof vl.value === 'number' && !isMissing(vl.value)) labels.set(vl.value, vl.label);
  let low = column.min;
  let high = column.max;
  if (codesShownAsOtherNumbers(variable).length > 0) {
    for (const code of labels.keys()) [low, high] = [Math.min(low, code), Math.max(high, code)];
    if (!Number.isInteger(low) || !Number.isInteger(high) || high - low >= MAX_CODE_ROWS) return [];
  } else {
    if (low < 0 || high > 10) return [];
    const stated = STATED_RANGE.exec(label);
    const [from, to] = stated ? [Number(stated[1]), Number(stated[2])] : [low, high];
    if (from <= low && to >= high && to <= 10) [low, high] = [from, to];
    for (const code of labels.keys()) if (Number.isInteger(code) && code >= 0 && code <= 10) [low, high] = [Math.min(low, code), Math.max(high, code)];
  }
  return Array.from({ length: high - low + 1 }, (_, k) => {
    const code = low + k;
    const text = labels.get(code);
    return { id: `r_${code}`, label: text && text !== String(code) ? `${code} - ${text}` : String(code), codes: [code] };
  });
}
