import type { VariableSummary } from './dataMapExcerpt';
import { contentWords } from './textMatching';

/** "Large (5 or more)" → "Large"; "Small - 1 or 2 people" → "Small"; other labels unchanged. */
export function labelCore(label: string): string {
  const paren = label.indexOf('(');
  const core = (paren > 0 ? label.slice(0, paren) : label).split(/\s[-–—:]\s/)[0]!.trim();
  return core === '' ? label : core;
}

/**
 * The option a binary multi-response variable stands for: its counted value's label when its declared set labels
 * members so, else the part of its label after a ":" or " - " stem.
 */
export function optionText(v: VariableSummary): string {
  if (v.set?.categoryLabels === 'countedvalues' && v.set.countedValue !== undefined) {
    const counted = v.valueLabels.find((vl) => String(vl.value).trim() === String(v.set!.countedValue).trim());
    if (counted) return counted.label;
  }
  const m = /(?::|\s[-–—]\s)\s*([^:–—]+)$/.exec(v.label);
  return (m ? m[1]! : v.label).trim();
}

/** "Emergency department (A&E / ER)" → "A&E", "ER": the names a bracket offers for the same answer. */
export function bracketNames(text: string): string[] {
  const m = /\(([^()]*)\)/.exec(text);
  if (!m) return [];
  return m[1]!
    .split(/\s*(?:\/|,|;|\bor\b|\baka\b)\s*/i)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** True when a text states a negation ("Did not contact", "Non-users", "Never"). */
export function hasNegation(text: string): boolean {
  return /\b(not|non|never|no|none|didn'?t|don'?t|doesn'?t|haven'?t|hasn'?t|without)\b/i.test(text);
}

// Everyday words for the same category, so "Women" finds a "Female" label.
const SYNONYMS: Record<string, string> = {
  women: 'female',
  woman: 'female',
  ladies: 'female',
  girls: 'female',
  females: 'female',
  men: 'male',
  man: 'male',
  gentlemen: 'male',
  boys: 'male',
  males: 'male',
};

/** A normalised word as a label would spell it: everyday words for a category mapped to the label's word ("women" → "female"). */
export function canonicalWord(word: string): string {
  return SYNONYMS[word] ?? word;
}

/** Letters joined by "&" ("A&E", "R & D") as one word ("AE"), so an abbreviation is not read as two letters and "and". */
export function joinAmpersandLetters(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])(\p{L})\s*&\s*(\p{L})(?![\p{L}\p{N}])/gu, '$1$2');
}

/** A text's content words, everyday words for a category mapped to the label's word ("women" → "female"). */
export function canonicalWords(text: string): string[] {
  return contentWords(joinAmpersandLetters(text)).map(canonicalWord);
}
