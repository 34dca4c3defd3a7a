import type { VariableSummary } from './dataMapExcerpt';

/** Value labels that are real answers (declared missing codes and "don't know"/"refused"-style labels left out). */
export function substantiveLabels(v: VariableSummary): VariableSummary['valueLabels'] {
  return v.valueLabels.filter((vl) => !v.missingValues.includes(vl.value) && !isNonAnswerLabel(vl.label));
}

/** True for labels like "Don't know", "Refused", "Prefer not to say", "Not applicable". */
export function isNonAnswerLabel(label: string): boolean {
  return /\b(don'?t know|do not know|dk|not sure|refused|prefer not|n\/a|not applicable|no answer|missing)\b/i.test(label);
}
