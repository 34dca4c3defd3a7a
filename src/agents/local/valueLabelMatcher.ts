import type { VariableSummary } from '@/agents/dataMapExcerpt';
import type { MatchKind } from '@/agents/matchKind';
import { contentWords } from '@/agents/textMatching';
import { canonicalWords, hasNegation, labelCore, optionText } from '@/agents/labelText';
import { WordIndex } from '@/agents/WordIndex';
import { substantiveLabels } from '@/agents/answerCategories';
import { selectedCodeOf } from './variableIndex';

/** One way a description could map onto the data: a variable and the code(s) meaning it. */
export interface LabelMatch {
  variable: string;
  codes: Array<number | string>;
  score: number;
  why: string;
  /** How the description matched (see matchKind): `partial` for a description inside a longer label, `guess` for a short label in a long text. */
  match: MatchKind;
  /** The label's words when the whole label is in the description (to tell a description naming several categories). */
  labelWords?: string[];
}

/** A description's words, counted and indexed once, so scoring it against every label is linear in its length. */
interface DescriptionWords {
  /** Distinct words with their number of occurrences, in order of first occurrence. */
  counts: Map<string, number>;
  index: WordIndex;
}

type Score = { score: number; match: MatchKind; labelInText: boolean };
const NO_SCORE: Score = { score: 0, match: 'none', labelInText: false };

/**
 * Scores every value label (and every multi-response option label) against a column description.
 * Exact label → 0.9; label plus words that name the variable ("North region") → 0.85; label inside a description with
 * one more word → 0.75; a word of one label, with words naming its variable ("region is north", "household size = large")
 * → 0.8; description inside a longer label → 0.7 (partial); a short label in a long description → 0.4 (a guess).
 * A label's explanation in parentheses is optional ("Large (5 or more)" also reads as "Large"). Context words (the group
 * label's content words) add 0.05 when they name the variable.
 */
export function matchValueLabels(description: string, context: WordIndex, variables: readonly VariableSummary[]): LabelMatch[] {
  const words = canonicalWords(description);
  if (words.length === 0) return [];
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const text: DescriptionWords = { counts, index: new WordIndex(counts.keys()) };
  const negated = hasNegation(description);
  const matches: LabelMatch[] = [];
  for (const v of variables) {
    const varWords = contentWords(`${v.label} ${v.name.replace(/_/g, ' ')}`);
    const varIndex = new WordIndex(varWords);
    const bonus = context.hasAny(varWords) ? 0.05 : 0;
    if (v.kind === 'single') {
      // Labels made of numbers ("7", "18-34") are read as numbers (see matchNumbers).
      const labels = substantiveLabels(v).filter((vl) => (!negated || hasNegation(vl.label)) && !canonicalWords(vl.label).every((w) => /\d/.test(w)));
      let strong = false;
      for (const vl of labels) {
        const s = scoreLabelOrCore(text, vl.label, varIndex);
        if (s.score <= 0) continue;
        strong ||= s.score >= 0.75;
        matches.push(labelMatch(v, [vl.value], s, bonus, `value label "${vl.label}" of ${v.name}`, vl.label));
      }
      const word = strong ? null : labelWordMatch(text, labels, varIndex);
      if (word)
        matches.push({
          variable: v.name,
          codes: [word.value],
          score: Math.min(1, 0.8 + bonus),
          why: `"${word.label}" of ${v.name} ("${v.label}")`,
          match: 'label',
        });
    } else if (v.kind === 'multi') {
      const option = optionText(v);
      if (negated && !hasNegation(option)) continue;
      const s = scoreLabel(text, canonicalWords(option), varIndex);
      if (s.score > 0) matches.push(labelMatch(v, [selectedCodeOf(v)], { ...s, score: s.score - 0.05 }, bonus, `option "${option}" (${v.name})`, option));
    }
  }
  return matches.sort((a, b) => b.score - a.score);
}

function labelMatch(v: VariableSummary, codes: Array<number | string>, s: Score, bonus: number, why: string, label: string): LabelMatch {
  return { variable: v.name, codes, score: Math.min(1, s.score + bonus), why, match: s.match, ...(s.labelInText ? { labelWords: canonicalWords(label) } : {}) };
}

/** The better of the label and its core (the label without an explanation in parentheses), the core slightly lower. */
function scoreLabelOrCore(text: DescriptionWords, label: string, varIndex: WordIndex): Score {
  const whole = scoreLabel(text, canonicalWords(label), varIndex);
  const core = labelCore(label);
  // "1 - Very difficult": a core of numbers is read as numbers (see matchNumbers).
  if (core === label || canonicalWords(core).every((w) => /\d/.test(w))) return whole;
  const short = scoreLabel(text, canonicalWords(core), varIndex);
  return short.score - 0.02 > whole.score ? { ...short, score: short.score - 0.02 } : whole;
}

/**
 * "region is north" against REGION "Region of residence" with labels "North of England", "South of England": the words
 * that do not name the variable ("north") belong to exactly one of its labels. Null when the description names no word
 * of the variable, or those words fit no label or several.
 */
function labelWordMatch(text: DescriptionWords, labels: VariableSummary['valueLabels'], varIndex: WordIndex): VariableSummary['valueLabels'][number] | null {
  let named = false;
  const rest: string[] = [];
  for (const w of text.counts.keys()) {
    if (varIndex.has(w)) named = true;
    else rest.push(w);
  }
  if (!named || rest.length === 0) return null;
  const fitting = labels.filter((vl) => new WordIndex(canonicalWords(vl.label)).hasAll(rest));
  return new Set(fitting.map((vl) => vl.value)).size === 1 ? fitting[0]! : null;
}

/**
 * Loops over the description's distinct words stop at the first word that settles the answer; only words that match the
 * (short) label or variable name keep them going, and a text can hold few distinct such words.
 */
function scoreLabel(text: DescriptionWords, label: string[], varIndex: WordIndex): Score {
  if (label.length === 0) return NO_SCORE;
  const labelIndex = new WordIndex(label);
  let textInLabel = true;
  for (const w of text.counts.keys()) {
    if (labelIndex.has(w)) continue;
    textInLabel = false;
    break;
  }
  const labelInText = text.index.hasAll(label);
  if (textInLabel && labelInText) return { score: 0.9, match: 'label', labelInText: true };
  if (labelInText) {
    // The description's words (with repeats) that are not label words: do they all name the variable, and how many are there?
    let rest = 0;
    let restNamesVariable = true;
    for (const [w, n] of text.counts) {
      if (labelIndex.has(w)) continue;
      rest += n;
      restNamesVariable &&= varIndex.has(w);
      if (rest > 1 && !restNamesVariable) break;
    }
    if (rest > 0 && restNamesVariable) return { score: 0.85, match: 'label', labelInText: true };
    // A short label inside a long description ("Customer service" in "Did not contact customer service") is weak evidence.
    return rest <= 1 ? { score: 0.75, match: 'label', labelInText: true } : { score: 0.4, match: 'guess', labelInText: true };
  }
  if (textInLabel) return { score: 0.7, match: 'partial', labelInText: false };
  return NO_SCORE;
}
