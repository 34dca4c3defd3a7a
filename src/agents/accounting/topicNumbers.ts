import type { VariableSummary } from '@/agents/dataMapExcerpt';
import type { Span } from './spans';
import { phraseWords, type TextWord } from './textWords';

/** "(1-10)", "(0–10)": the answer scale a label states, whose numbers are answers, not words of its topic. */
const SCALE_IN_LABEL = /\(\s*-?\d+\s*(?:-|–|—|to)\s*-?\d+\s*\)/gi;

/**
 * "past 3 months" against a question labelled "… in the past 3 months": numbers that are part of some question's own
 * words (the word before or after them is next to the same number in its label) name no answer; a scale the label
 * states ("Value for money score (1-10)") is not its words, so "a score of 1–4" is read. Spans are shifted by `offset`.
 * Linear in the words, after reading the labels once.
 */
export function topicNumberSpans(words: readonly TextWord[], variables: readonly VariableSummary[], offset = 0): Span[] {
  const pairs = new Set<string>();
  for (const v of variables) {
    const label = phraseWords(v.label.replace(SCALE_IN_LABEL, ' '));
    for (let i = 1; i < label.length; i++) if (/\d/.test(label[i]!) || /\d/.test(label[i - 1]!)) pairs.add(`${label[i - 1]} ${label[i]}`);
  }
  if (pairs.size === 0) return [];
  const out: Span[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!/\d/.test(w.word)) continue;
    const before = words[i - 1];
    const after = words[i + 1];
    if ((before && pairs.has(`${before.word} ${w.word}`)) || (after && pairs.has(`${w.word} ${after.word}`))) {
      out.push({ start: w.start + offset, end: w.end + offset });
    }
  }
  return out;
}
