import { missingChecker } from './missingChecker';
import { isNotAskedLabel } from './nonAnswerLabel';
import type { SavVariable } from './types';

/** The labelled codes of a variable that say the respondent was not asked ("Not asked", "Skipped"), unless declared missing. */
export function notAskedCodes(variable: Pick<SavVariable, 'valueLabels' | 'missing'>): Array<{ value: number | string; label: string }> {
  const isMissing = missingChecker(variable);
  return variable.valueLabels.filter((vl) => isNotAskedLabel(vl.label) && !isMissing(vl.value)).map((vl) => ({ value: vl.value, label: vl.label }));
}
