import type { SavVariable } from '@/lib/core/types';

const NEGATIVE_LABEL = /^\s*(not\b|no\b|none\b|unchecked|unselected|not selected|no to\b)/i;

/**
 * The code meaning "selected" for one binary item of a multi-response set:
 * 1 unless the value labels say otherwise (then the highest labelled, non-missing code whose label is not a negation).
 */
export function selectedCode(variable: Pick<SavVariable, 'valueLabels' | 'missing'>): number {
  const missing = new Set(variable.missing.values.filter((v): v is number => typeof v === 'number'));
  const labelled = variable.valueLabels.filter(
    (vl): vl is { value: number; label: string } => typeof vl.value === 'number' && !missing.has(vl.value),
  );
  const one = labelled.find((vl) => vl.value === 1);
  if (labelled.length === 0 || (one && !NEGATIVE_LABEL.test(one.label))) return 1;
  const positive = labelled.filter((vl) => !NEGATIVE_LABEL.test(vl.label)).map((vl) => vl.value);
  return positive.length > 0 ? Math.max(...positive) : 1;
}
