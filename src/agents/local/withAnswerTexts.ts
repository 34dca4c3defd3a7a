import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { bracketNames, labelCore } from '@/agents/labelText';
import type { AnswerText } from '@/agents/surveyAnswers';

/**
 * The variables with the survey's wording of their answers added as further labels of the same codes: the answer text
 * ("Emergency department (A&E / ER)") and each name its brackets offer ("A&E", "ER"), so a column may name a category
 * by either.
 */
export function withAnswerTexts(variables: readonly VariableSummary[], answers: readonly AnswerText[]): VariableSummary[] {
  if (answers.length === 0) return [...variables];
  return variables.map((v) => {
    const own = answers.filter((a) => a.variable.toLowerCase() === v.name.toLowerCase());
    if (own.length === 0) return v;
    const extra = own.flatMap((a) => [a.text, labelCore(a.text), ...bracketNames(a.text)].map((label) => ({ value: a.code, label })));
    const known = new Set(v.valueLabels.map((vl) => `${String(vl.value)}\u0000${vl.label.toLowerCase()}`));
    const added = extra.filter((vl) => {
      const key = `${String(vl.value)}\u0000${vl.label.toLowerCase()}`;
      if (known.has(key)) return false;
      known.add(key);
      return true;
    });
    return { ...v, valueLabels: [...v.valueLabels, ...added] };
  });
}
