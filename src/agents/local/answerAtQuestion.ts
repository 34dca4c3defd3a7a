import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { hasNegation } from '@/agents/labelText';
import { labelOccurrences, labelVariants } from '@/agents/accounting/labelMentions';
import { textWords } from '@/agents/accounting/textWords';
import { contentWords } from '@/agents/textMatching';
import { WordIndex } from '@/agents/WordIndex';
import { routedVariableTest } from '@/agents/routedVariables';
import { looksLikeVariableId } from './ClauseReader';
import { ANSWER_FILLER } from './labelListMatcher';
import { labelledCodes, labelOpenEnds } from '@/agents/accounting/labelOpenEnds';
import { outsideSpans } from '@/agents/accounting/spans';
import { numberMentions } from '@/agents/accounting/numberMentions';
import { codesExpression, matchNumbers } from './numberMatcher';
import type { VariableIndex } from './variableIndex';

/** A condition read from an answer stated at a question, with how it was read. */
export interface AnswerReading {
  expression: string;
  match: 'label' | 'partial';
  reason: string;
}

/** Words of routing that name no answer and no question ("asked of those who …", "respondents"). */
const ROUTING_WORDS = new Set(
  'asked ask those that who whose people respondents participants anyone anybody everyone everybody customers patients gave skip among shown displayed'.split(
    ' ',
  ),
);

/**
 * "Asked of those who rated 4 or lower at Q2", "Only people who said Good or Excellent at Q9", "Those who gave a score
 * of 0–6 on the recommend question": an answer (numbers, value labels or both) at one question, named by its id or, when
 * no id is written, by words of its label no other question shares ("on the likelihood to renew question": every word of
 * the description in one question's label). A question is never routed by its own answers: those in `routed` (the
 * questions the rule is for) are not candidates. Null when the text names no question or no answer.
 * Partial when other words remain (they may add to the condition) or the text negates it.
 */
export function readAnswerAtQuestion(text: string, index: VariableIndex, routed: readonly string[] = []): AnswerReading | null {
  const v = namedQuestion(text, index, routed);
  if (!v) return null;
  const byNumbers = matchNumbers(text, v.label, [v]);
  const words = textWords(text);
  const labels = labelOccurrences(words, labelVariants(v));
  const reading = byNumbers[0];
  if (!reading && labels.length === 0) return null;
  if (reading && reading.match !== 'label') return { expression: '', match: 'partial', reason: reading.why };
  // "Only those who rated Good or better at Q8": a label's open end names every answer from it to that end of the scale.
  const opens = labelOpenEnds(text, labels);
  const byLabels = reading ? null : labelledCodes(labels, opens, v);
  if (byLabels && 'problem' in byLabels) return { expression: '', match: 'partial', reason: byLabels.problem };
  const expression = reading?.expression ?? codesExpression(v.name, byLabels?.codes ?? []);
  const topic = new WordIndex(contentWords(v.label));
  const rest = outsideSpans(words, [...labels, ...opens, ...numberMentions(text)]).filter(
    (w) => !/\d/.test(w.word) && !ANSWER_FILLER.has(w.word) && !ROUTING_WORDS.has(w.word) && !topic.has(w.word) && !RANGE_WORD.test(w.word),
  );
  const what = reading ? reading.why : `labels ${labels.map((o) => `"${o.text}"`).join(', ')}`;
  if (hasNegation(text)) return { expression, match: 'partial', reason: `read ${what} but the text negates it` };
  if (rest.length > 0) return { expression, match: 'partial', reason: `read ${what} but "${rest.map((w) => w.word).join(' ')}" may add to it` };
  return { expression, match: 'label', reason: `answer at ${v.name}: ${what}` };
}

const RANGE_WORD = /^(?:to|through|thru|or|and|more|less|lower|higher|above|below|under|over|least|most|up|plus|between|fewer|greater|than)$/;

/** "on the likelihood to renew question", "at the recommend question": the words that describe a question. */
const DESCRIBED_QUESTION = /\b(?:on|at|to|for|in|about|from)\s+(?:the|a|their|your)\s+([^()]{1,80}?)\s+question\b/i;

/**
 * The one question the text names: by a variable id written in it; else by a description ("the renew question"), whose
 * words must all be in one question's label; else by label words only one variable has.
 */
function namedQuestion(text: string, index: VariableIndex, routed: readonly string[]): VariableSummary | null {
  const ids = new Set<VariableSummary>();
  for (const token of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    const v = index.get(token);
    if (v && looksLikeVariableId(token)) ids.add(v);
  }
  if (ids.size > 0) return ids.size === 1 ? [...ids][0]! : null;
  const isRouted = routedVariableTest(routed);
  const answerable = index.variables.filter((v) => (v.kind === 'single' || v.kind === 'numeric') && !isRouted(v));
  const meaningful = (w: string) => !/\d/.test(w) && !ANSWER_FILLER.has(w) && !ROUTING_WORDS.has(w) && !RANGE_WORD.test(w);
  const description = DESCRIBED_QUESTION.exec(text)?.[1];
  const described = description === undefined ? [] : contentWords(description).filter(meaningful);
  const own = described.length > 0 ? described : contentWords(text).filter(meaningful);
  const candidates = answerable.filter((v) => {
    const label = new WordIndex(contentWords(v.label));
    return described.length > 0 ? label.hasAll(own) : label.hasAny(own);
  });
  return candidates.length === 1 ? candidates[0]! : null;
}
