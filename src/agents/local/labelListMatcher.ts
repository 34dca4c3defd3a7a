import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { labelOccurrences, labelVariants, WordPositions } from '@/agents/accounting/labelMentions';
import { textWords } from '@/agents/accounting/textWords';
import { numberMentions } from '@/agents/accounting/numberMentions';
import type { AnswerText } from '@/agents/surveyAnswers';
import { WordIndex } from '@/agents/WordIndex';
import { contentWords } from '@/agents/textMatching';
import { codesExpression, type RangeExpressionMatch } from './numberMatcher';

/** Words around a list of answers that say nothing more about whom it is for ("Only people who said … at Q9"). */
export const ANSWER_FILLER = new Set(
  (
    'said say says saying answered answer answers answering rated rate rating ratings gave give given giving score scored scores ' +
    'scoring chose choose chosen selected select picked pick question asked ask if only base filter show either reply replied ' +
    'responded response code codes coded point points them as being than whose'
  ).split(' '),
);

/**
 * "Good or Excellent", "Very poor, Poor or Fair at Q9": a description made of several whole labels (or survey answer
 * texts) of one variable, joined by list words, is those codes together. Words other than the labels must be list
 * words, routing filler or words of the variable's own question; else it names more than the list and is no match here.
 * It accounts for more of the words than any one of its labels, so it scores above a single label match.
 */
export function matchLabelList(description: string, variables: readonly VariableSummary[], answers: readonly AnswerText[] = []): RangeExpressionMatch[] {
  if (numberMentions(description).length > 0) return [];
  const words = textWords(description);
  const positions = new WordPositions(words);
  const out: RangeExpressionMatch[] = [];
  const sets = new Set<string>();
  for (const v of variables) {
    if (v.kind !== 'single') continue;
    // A declared category set is one question: its codes count when any member holds them.
    const set = v.set?.type === 'category' ? v.set.name : null;
    if (set !== null && sets.has(set)) continue;
    const own = answers.filter((a) => a.variable.toLowerCase() === v.name.toLowerCase());
    const found = labelOccurrences(positions, labelVariants(v, own));
    const codes = [...new Set(found.map((o) => o.code))];
    if (codes.length < 2) continue;
    const topic = new WordIndex(contentWords(`${v.label} ${v.name}`));
    const covered = coveredWords(words.length, found);
    const rest = words.filter((w, i) => !covered[i] && !ANSWER_FILLER.has(w.word) && !topic.has(w.word) && w.word !== v.name.toLowerCase());
    if (rest.length > 0) continue;
    if (set !== null) sets.add(set);
    const members = set === null ? [v] : variables.filter((m) => m.set?.name === set);
    out.push({
      variable: v.name,
      expression: members.map((m) => codesExpression(m.name, codes)).join(' | '),
      score: 0.98,
      why: `labels ${found.map((o) => `"${o.text}"`).join(', ')} of ${v.name}`,
      match: 'label',
    });
  }
  return out;
}

/** Which of a text's words lie inside one of the occurrences, in time linear in both. */
export function coveredWords(count: number, occurrences: ReadonlyArray<{ from: number; to: number }>): boolean[] {
  const starts = new Int32Array(count + 1);
  for (const o of occurrences) {
    starts[o.from]! += 1;
    starts[o.to]! -= 1;
  }
  const covered = new Array<boolean>(count);
  let open = 0;
  for (let i = 0; i < count; i++) {
    open += starts[i]!;
    covered[i] = open > 0;
  }
  return covered;
}
