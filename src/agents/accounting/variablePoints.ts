import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { isNonAnswerLabel } from '@/lib/core/nonAnswerLabel';
import { parseRange, type NumericRange } from '@/agents/local/numericRange';

/** A value a variable can hold: a numeric code or a string code. */
export type Code = number | string;

/**
 * How numbers written in words read on a variable: `codes` (the number is the code: a scale labelled fully, at its ends
 * or with words), `labelled` (every point's label shows its number, one step from its code, "0" on code 1: a number
 * is the point labelled so), `shifted` (only some labels show such numbers: a number could be a code or a shown point),
 * `bands` (labels are ranges, "18-34", "55+": a number range is read through them), `continuous` (an unlabelled
 * number: any value), `none` (text codes).
 */
export type NumberReading = 'codes' | 'labelled' | 'shifted' | 'bands' | 'continuous' | 'none';

/** What a variable can hold and how its codes are named. */
export interface VariablePoints {
  variable: VariableSummary;
  reading: NumberReading;
  /** Every code a respondent can hold: labelled codes, the points between a scale's labelled ends, missing codes. Empty for continuous. */
  codes: Code[];
  /** Codes that are answers on the scale: not declared missing, not labelled "Don't know", "Refused", "Not asked"… */
  answers: Set<Code>;
  /** The codes as text, to look a number up among them. */
  codeTexts: Set<string>;
  /** For `bands`: the number range each labelled code stands for. */
  bands: Array<{ code: Code; range: NumericRange }>;
  /** For `labelled` and `shifted`: code minus the number its label shows. */
  offset: number;
}

/** Widest scale whose unlabelled points between its labelled ends count as codes. */
const MAX_SPAN = 100;
const LEADING_NUMBER = /^\s*(\d+(?:\.\d+)?)(?:\s*$|\s*[-–—=:.)]?\s+\p{L})/u;

/** The number a label shows: its range ("18-34", "55 or over", "Large (5 or more)"), else its leading number ("10 Extremely likely", "7"); null when none. */
export function labelNumber(label: string): NumericRange | null {
  const range = parseRange(label);
  if (range) return range;
  const lead = LEADING_NUMBER.exec(label);
  if (!lead) return null;
  const n = Number(lead[1]);
  return { low: n, high: n };
}

/** The label of a code, or undefined. */
export function labelOf(v: VariableSummary, code: Code): string | undefined {
  return v.valueLabels.find((vl) => vl.value === code)?.label;
}

/** True when a code is an answer of the variable: not declared missing and not labelled as a non-answer. */
export function isAnswerCode(v: VariableSummary, code: Code): boolean {
  if (v.missingValues.some((m) => String(m) === String(code))) return false;
  const label = labelOf(v, code);
  return label === undefined || !isNonAnswerLabel(label);
}

/** The codes of a variable and how numbers in words read on it. */
export function variablePoints(v: VariableSummary): VariablePoints {
  const read = readPoints(v);
  return { ...read, codeTexts: new Set(read.codes.map(String)) };
}

function readPoints(v: VariableSummary): Omit<VariablePoints, 'codeTexts'> {
  const labelled = v.valueLabels.map((vl) => vl.value);
  const substantive = v.valueLabels.filter((vl) => isAnswerCode(v, vl.value));
  const numericCodes = substantive.map((vl) => vl.value).filter((c): c is number => typeof c === 'number');
  const base = { variable: v, bands: [] as VariablePoints['bands'], offset: 0 };
  if (v.type === 'string') {
    return { ...base, reading: 'none', codes: [...new Set([...labelled, ...v.missingValues])], answers: new Set(substantive.map((vl) => vl.value)) };
  }
  if (v.kind === 'numeric' && numericCodes.length < 2) {
    return { ...base, reading: 'continuous', codes: [], answers: new Set() };
  }
  const codes = new Set<Code>([...labelled, ...v.missingValues]);
  const span = scaleSpan(numericCodes);
  for (const c of span) codes.add(c);
  if (v.kind === 'multi' && codes.size === 0) for (const c of [0, 1]) codes.add(c);
  const answers = new Set([...codes].filter((c) => isAnswerCode(v, c)));
  const numbered = substantive.flatMap((vl) => {
    const range = typeof vl.value === 'number' ? labelNumber(vl.label) : null;
    return range ? [{ code: vl.value, range }] : [];
  });
  const points = numbered.filter((n) => n.range.low !== null && n.range.low === n.range.high);
  const sorted = [...codes].sort((a, b) => Number(a) - Number(b));
  if (points.length === numbered.length && points.every((n) => n.range.low === n.code)) {
    return { ...base, reading: 'codes', codes: sorted, answers };
  }
  if (points.length === numbered.length && points.length >= 2) {
    const offsets = new Set(points.map((n) => Number(n.code) - n.range.low!));
    const offset = [...offsets][0]!;
    const everyPoint = [...answers].every((c) => points.some((n) => n.code === c));
    if (offsets.size === 1) return { ...base, reading: everyPoint ? 'labelled' : 'shifted', codes: sorted, answers, offset };
  }
  return { ...base, reading: 'bands', codes: sorted, answers, bands: numbered };
}

/** The integers between the lowest and highest labelled answer codes of a scale (none when they are not whole numbers or too far apart). */
function scaleSpan(numericCodes: readonly number[]): number[] {
  if (numericCodes.length < 2 || !numericCodes.every(Number.isInteger)) return [];
  const low = Math.min(...numericCodes);
  const high = Math.max(...numericCodes);
  if (high - low > MAX_SPAN) return [];
  return Array.from({ length: high - low + 1 }, (_, k) => low + k);
}
