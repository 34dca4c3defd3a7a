import { missingChecker } from './missingChecker';
import { isNonAnswerLabel } from './nonAnswerLabel';
import type { CellValue, SavVariable } from './types';

/** A labelled code of a numeric variable. */
export interface LabelledCode {
  value: number;
  label: string;
}

type Dictionary = Pick<SavVariable, 'valueLabels' | 'missing'>;

/**
 * The codes of a numeric question whose labels say they are not answers ("Refused", "Don't know", "Prefer not to say",
 * "Not asked"…) though the file does not declare them missing: an age of 99 "Refused" is not an age. A numeric
 * question's base and statistics leave them out, as SPSS does for declared missing values.
 */
export function undeclaredNonAnswers(variable: Dictionary): LabelledCode[] {
  const isMissing = missingChecker(variable);
  return variable.valueLabels.filter((vl): vl is LabelledCode => typeof vl.value === 'number' && !isMissing(vl.value) && isNonAnswerLabel(vl.label));
}

/** Whether a value of a numeric question is missing: declared missing, or one of its undeclared non-answer codes. */
export function numericMissingChecker(variable: Dictionary): (value: CellValue) => boolean {
  const isMissing = missingChecker(variable);
  const nonAnswers = new Set(undeclaredNonAnswers(variable).map((c) => c.value));
  if (nonAnswers.size === 0) return isMissing;
  return (value) => isMissing(value) || (typeof value === 'number' && nonAnswers.has(value));
}

/** The number a label starts with ("0 Not at all likely" → 0, "1,000 or more" → 1000), or null. */
const LEADING_NUMBER = /^\s*([-+]?\d+(?:,\d{3})*(?:\.\d+)?)(?!\d)/;

function leadingNumber(label: string): number | null {
  const text = LEADING_NUMBER.exec(label)?.[1];
  return text === undefined ? null : Number(text.replace(/,/g, ''));
}

/**
 * The answer codes of a numeric question whose labels show another number ("0 Not at all likely" on code 1 of a 0-10
 * scale stored as 1-11): its codes are not the numbers respondents saw, so a mean or a maximum of the codes would be
 * wrong. Empty when every label that starts with a number starts with its own code.
 */
export function codesShownAsOtherNumbers(variable: Dictionary): LabelledCode[] {
  const isMissing = missingChecker(variable);
  return variable.valueLabels.filter((vl): vl is LabelledCode => {
    if (typeof vl.value !== 'number' || isMissing(vl.value) || isNonAnswerLabel(vl.label)) return false;
    const shown = leadingNumber(vl.label);
    return shown !== null && shown !== vl.value;
  });
}

/** `99 "Refused", 98 "Don't know"`. */
export function describeCodes(codes: readonly LabelledCode[]): string {
  return codes.map((c) => `${c.value} "${c.label}"`).join(', ');
}
