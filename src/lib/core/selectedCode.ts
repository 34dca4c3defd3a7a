import { missingChecker } from './missingChecker';
import { isNonAnswerLabel } from './nonAnswerLabel';
import type { SavVariable } from './types';

const NEGATIVE_LABEL = /^\s*(not\b|no\b|none\b|unchecked|unselected|not selected|no to\b)/i;

/**
 * The code meaning "selected" for one binary item of a multi-response set, the one rule for everything that reads or
 * writes it: 1 unless the value labels say otherwise, then the highest labelled code that is not missing, not a
 * negation ("No", "Not mentioned", "Unchecked") and not a non-answer ("Don't know", "Refused").
 */
export function selectedCode(variable: Pick<SavVariable, 'valueLabels' | 'missing'>): number {
  const isMissing = missingChecker(variable);
  const labelled = variable.valueLabels.filter((vl): vl is { value: number; label: string } => typeof vl.value === 'number' && !isMissing(vl.value));
  const positive = labelled.filter((vl) => !NEGATIVE_LABEL.test(vl.label) && !isNonAnswerLabel(vl.label)).map((vl) => vl.value);
  if (labelled.length === 0 || positive.includes(1)) return 1;
  return positive.length > 0 ? Math.max(...positive) : 1;
}
