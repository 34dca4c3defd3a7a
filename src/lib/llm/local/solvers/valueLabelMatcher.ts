import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { allWordsIn, contentWords, wordsNotIn } from '@/agents/textMatching';
import { substantiveLabels } from '@/agents/answerCategories';
import { selectedCode } from './variableIndex';

/** One way a description could map onto the data: a variable and the code(s) meaning it. */
export interface LabelMatch {
  variable: string;
  codes: Array<number | string>;
  score: number;
  why: string;
}

/**
 * Scores every value label (and every multi-response option label) against a column description.
 * Exact label → 0.9; label plus words that name the variable ("North region") → 0.85; label inside a longer description → 0.75;
 * description inside a longer label → 0.7. Context words (the group label) add 0.05 when they name the variable.
 */
export function matchValueLabels(description: string, context: string, variables: readonly VariableSummary[]): LabelMatch[] {
  const text = canonicalWords(description);
  if (text.length === 0) return [];
  const negated = hasNegation(description);
  const contextWords = contentWords(context);
  const matches: LabelMatch[] = [];
  for (const v of variables) {
    const varWords = contentWords(`${v.label} ${v.name.replace(/_/g, ' ')}`);
    const bonus = contextWords.length > 0 && contextWords.some((w) => allWordsIn([w], varWords)) ? 0.05 : 0;
    if (v.kind === 'single') {
      for (const vl of substantiveLabels(v)) {
        if (negated && !hasNegation(vl.label)) continue;
        const score = scoreLabel(text, canonicalWords(vl.label), varWords);
        if (score > 0) matches.push({ variable: v.name, codes: [vl.value], score: Math.min(1, score + bonus), why: `value label "${vl.label}" of ${v.name}` });
      }
    } else if (v.kind === 'multi') {
      const option = optionText(v);
      if (negated && !hasNegation(option)) continue;
      const score = scoreLabel(text, canonicalWords(option), varWords) - 0.05;
      if (score > 0) matches.push({ variable: v.name, codes: [selectedCode(v)], score: Math.min(1, score + bonus), why: `option "${option}" (${v.name})` });
    }
  }
  return matches.sort((a, b) => b.score - a.score);
}

function scoreLabel(text: string[], label: string[], varWords: string[]): number {
  if (label.length === 0) return 0;
  const textInLabel = allWordsIn(text, label);
  const labelInText = allWordsIn(label, text);
  if (textInLabel && labelInText) return 0.9;
  if (labelInText) {
    const rest = wordsNotIn(text, label);
    if (rest.length > 0 && allWordsIn(rest, varWords)) return 0.85;
    // A short label inside a long description ("Customer service" in "Did not contact customer service") is weak evidence.
    return rest.length <= 1 ? 0.75 : 0.4;
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
