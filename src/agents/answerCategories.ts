import { isNonAnswerLabel } from '@/lib/core/nonAnswerLabel';
import type { VariableSummary } from './dataMapExcerpt';

/** Value labels that are real answers (declared missing codes and "don't know"/"refused"-style labels left out). */
export function substantiveLabels(v: VariableSummary): VariableSummary['valueLabels'] {
  return v.valueLabels.filter((vl) => !v.missingValues.includes(vl.value) && !isNonAnswerLabel(vl.label));
}
