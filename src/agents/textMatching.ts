const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'at',
  'for',
  'and',
  'or',
  'to',
  'who',
  'with',
  'by',
  'from',
  'is',
  'are',
  'was',
  'were',
  'be',
  'those',
  'people',
  'respondents',
  'respondent',
  'all',
  'only',
  'any',
  'their',
  'they',
  'do',
  'does',
  'you',
  'your',
  'which',
  'what',
]);

/** True for words that carry no meaning of their own in a description ("the", "of", "respondents"…). */
export function isStopWord(w: string): boolean {
  return STOP_WORDS.has(w);
}

/** Lower-cases, maps "&" to "and" and turns punctuation into spaces (digits, letters and "+" kept). */
export function normalizeText(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}+]+/gu, ' ')
    .trim();
}

/** Normalised word tokens of a text. */
export function words(s: string): string[] {
  const n = normalizeText(s);
  return n === '' ? [] : n.split(' ');
}

/** Normalised tokens without stop words. */
export function contentWords(s: string): string[] {
  return words(s).filter((w) => !STOP_WORDS.has(w));
}

/** True when two tokens are the same word or one is a plural/inflected form of the other ("aged"/"age", "males"/"male"). */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short) && long.length - short.length <= 2 && !/\d/.test(short);
}

/** True when every token of `needle` has a same-word match in `haystack`. */
export function allWordsIn(needle: readonly string[], haystack: readonly string[]): boolean {
  return needle.every((n) => haystack.some((h) => sameWord(n, h)));
}

/** Tokens of `a` that have no same-word match in `b`. */
export function wordsNotIn(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((x) => !b.some((y) => sameWord(x, y)));
}

/** Sentence case: first letter upper-cased; an all-caps text is lower-cased first. */
export function sentenceCase(s: string): string {
  const letters = s.replace(/[^\p{L}]/gu, '');
  const base = letters.length > 3 && letters === letters.toUpperCase() ? s.toLowerCase() : s;
  return base.replace(/\p{L}/u, (c) => c.toUpperCase());
}
