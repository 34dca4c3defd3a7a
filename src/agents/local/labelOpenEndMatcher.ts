import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { labelOccurrences, labelVariants, WordPositions } from '@/agents/accounting/labelMentions';
import { labelledCodes, labelOpenEnds, mayOpen } from '@/agents/accounting/labelOpenEnds';
import { numberMentions } from '@/agents/accounting/numberMentions';
import { outsideSpans } from '@/agents/accounting/spans';
import { textWords } from '@/agents/accounting/textWords';
import type { AnswerText } from '@/agents/surveyAnswers';
import { contentWords } from '@/agents/textMatching';
import { WordIndex } from '@/agents/WordIndex';
import { ANSWER_FILLER } from './labelListMatcher';
import { codesExpression, type RangeExpressionMatch } from './numberMatcher';

/**
 * "Good or better", "At least satisfied", "Fair or below", "Good+": a value label (or survey answer text) with an open
 * end is every answer from it to the scale's positive or negative end (see openEndCodes). Words other than the labels
 * and their open ends must be list words, routing filler or words of the variable's own question. Partial when the
 * scale's words do not say which end is positive. Numbers beside the labels are read by matchNumbers. A group label
 * (`context`) naming the question scores it higher.
 */
export function matchLabelOpenEnds(
  description: string,
  context: WordIndex,
  variables: readonly VariableSummary[],
  answers: readonly AnswerText[] = [],
): RangeExpressionMatch[] {
  if (!mayOpen(description) || numberMentions(description).length > 0) return [];
  const words = textWords(description);
  const positions = new WordPositions(words);
  const out: RangeExpressionMatch[] = [];
  for (const v of variables) {
    // A numeric scale labelled at its ends is as much a scale of labelled answers here.
    if ((v.kind !== 'single' && v.kind !== 'numeric') || v.set?.type === 'category') continue;
    const own = answers.filter((a) => a.variable.toLowerCase() === v.name.toLowerCase());
    const labels = labelOccurrences(positions, labelVariants(v, own));
    const opens = labelOpenEnds(description, labels);
    if (opens.length === 0) continue;
    const topicWords = contentWords(`${v.label} ${v.name}`);
    const topic = new WordIndex(topicWords);
    // The group label naming the question settles a label several questions share ("Good" of two rating scales).
    const score = context.hasAny(topicWords) ? 0.99 : 0.96;
    const rest = outsideSpans(words, [...labels, ...opens]).filter((w) => !ANSWER_FILLER.has(w.word) && !topic.has(w.word) && w.word !== v.name.toLowerCase());
    if (rest.length > 0) continue;
    const read = labelledCodes(labels, opens, v);
    const phrase = opens.map((o) => `"${o.text}"`).join(', ');
    if ('problem' in read) {
      out.push({ variable: v.name, expression: '', score, why: read.problem, match: 'partial' });
      continue;
    }
    out.push({ variable: v.name, expression: codesExpression(v.name, read.codes), score, why: `${phrase} read as codes of ${v.name}`, match: 'label' });
  }
  return out;
}
