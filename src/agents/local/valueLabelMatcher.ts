import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { contentWords } from '@/agents/textMatching';
import { WordIndex } from '@/agents/WordIndex';
import { substantiveLabels } from '@/agents/answerCategories';
import { selectedCodeOf } from './variableIndex';

/** One way a description could map onto the data: a variable and the code(s) meaning it. */
export interface LabelMatch {
  variable: string;
  codes: Array<number | string>;
  score: number;
  why: string;
}

/** A description's words, counted and indexed once, so scoring it against every label is linear in its length. */
interface DescriptionWords {
  /** Distinct words with their number of occurrences, in order of first occurrence. */
  counts: Map<string, number>;
  index: WordIndex;
}

/**
 * Scores every value label (and every multi-response option label) against a column description.
 * Exact label → 0.9; label plus words that name the variable ("North region") → 0.85; label inside a longer description → 0.75;
 * description inside a longer label → 0.7. Context words (the group label's content words) add 0.05 when they name the variable.
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
      for (const vl of substantiveLabels(v)) {
        if (negated && !hasNegation(vl.label)) continue;
        const score = scoreLabel(text, canonicalWords(vl.label), varIndex);
        if (score > 0) matches.push({ variable: v.name, codes: [vl.value], score: Math.min(1, score + bonus), why: `value label "${vl.label}" of ${v.name}` });
      }
    } else if (v.kind === 'multi') {
      const option = optionText(v);
      if (negated && !hasNegation(option)) continue;
      const score = scoreLabel(text, canonicalWords(option), varIndex) - 0.05;
      if (score > 0) matches.push({ variable: v.name, codes: [selectedCodeOf(v)], score: Math.min(1, score + bonus), why: `option "${option}" (${v.name})` });
    }
  }
  return matches.sort((a, b) => b.score - a.score);
}

/**
 * Loops over the description's distinct words stop at the first word that settles the answer; only words that match the
 * (short) label or variable name keep them going, and a text can hold few distinct such words.
 */
function scoreLabel(text: DescriptionWords, label: string[], varIndex: WordIndex): number {
  if (label.length === 0) return 0;
  const labelIndex = new WordIndex(label);
  let textInLabel = true;
  for (const w of text.counts.keys()) {
    if (labelIndex.has(w)) continue;
    textInLabel = false;
    break;
  }
  const labelInText = text.index.hasAll(label);
  if (textInLabel && labelInText) return 0.9;
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
    if (rest > 0 && restNamesVariable) return 0.85;
    // A short label inside a long description ("Customer service" in "Did not contact customer service") is weak evidence.
    return rest <= 1 ? 0.75 : 0.4;
  }
  if (textInLabel) return 0.7;
  return 0;
}

/** The option a binary multi-response variable stands for: the part of its label after a ":" or " - " stem. */
function optionText(v: VariableSummary): string {
  const m = /(?::|\s[-–—]\s)\s*([^:–—]+)$/.exec(v.label);
  return (m ? m[1]! : v.label).trim();
}

/** True when a text states a negation ("Did not contact", "Non-users", "Never"). */
export function hasNegation(text: string): boolean {
  return /\b(not|non|never|no|none|didn'?t|don'?t|doesn'?t|haven'?t|hasn'?t|without)\b/i.test(text);
}

// Everyday words for the same category, so "Women" finds a "Female" label.
const SYNONYMS: Record<string, string> = {
  women: 'female', woman: 'female', ladies: 'female', girls: 'female', females: 'female',
  men: 'male', man: 'male', gentlemen: 'male', boys: 'male', males: 'male',
};

function canonicalWords(text: string): string[] {
  return contentWords(text).map((w) => SYNONYMS[w] ?? w);
}
