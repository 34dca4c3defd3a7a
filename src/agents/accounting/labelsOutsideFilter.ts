import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { WordIndex } from '@/agents/WordIndex';
import type { VariableCondition } from './filterSelection';
import type { LabelOccurrence } from './labelMentions';
import { phraseWords } from './textWords';
import { outsideSpans } from './spans';
import { isAnswerCode } from './variablePoints';

/**
 * Labels the words name of variables the filter does not use ("North" in "Men in the North" mapped to gender alone).
 * Left out: labels at the same place as one of a filter variable, labels made of the words of a filter variable's own
 * question, non-answers, and labels several variables share ("Yes", "Other"): they cannot say which variable is meant.
 */
export function labelsOutsideFilter(
  labels: readonly LabelOccurrence[],
  parts: readonly VariableCondition[],
  variables: readonly VariableSummary[],
): LabelOccurrence[] {
  const partNames = new Set(parts.map((p) => p.variable.name));
  const own = labels.filter((o) => partNames.has(o.variable));
  const topics = parts.map((p) => new WordIndex(phraseWords(p.variable.label)));
  const sharedBy = new Map<string, Set<string>>();
  for (const v of variables) {
    for (const vl of v.valueLabels) {
      const key = phraseWords(vl.label).join(' ');
      const set = sharedBy.get(key) ?? new Set<string>();
      set.add(v.name);
      sharedBy.set(key, set);
    }
  }
  const byName = new Map(variables.map((v) => [v.name, v]));
  return outsideSpans(labels, own).filter((o) => {
    if (partNames.has(o.variable)) return false;
    if (topics.some((t) => t.hasAll(o.words))) return false;
    const v = byName.get(o.variable);
    if (!v || !isAnswerCode(v, o.code)) return false;
    return (sharedBy.get(o.words.join(' '))?.size ?? 1) <= 1;
  });
}
