/** Kinds of token in a free-text condition. */
export type ConditionTokenKind = 'ident' | 'number' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'slash' | 'dash' | 'punct';

/** One token of a free-text condition. */
export interface ConditionToken {
  kind: ConditionTokenKind;
  text: string;
}

/** Two-character operators (each starts with a one-character operator), tried before the one-character ones. */
const TWO_CHAR_OPS = ['==', '!=', '<>', '<=', '>=', '=<', '=>', '&&', '||'];
const ONE_CHAR_OPS = new Set(['≤', '≥', '=', '<', '>', '&', '|', '!']);
const WHITESPACE = /\s/u;

/** Shared tokens for operators, brackets and punctuation (read-only), so a run of symbols allocates nothing per character. */
const SYMBOLS = new Map<string, ConditionToken>();
const MAX_SHARED_SYMBOLS = 4096;

function symbol(kind: ConditionTokenKind, text: string): ConditionToken {
  const key = `${kind}:${text}`;
  let token = SYMBOLS.get(key);
  if (!token) {
    token = Object.freeze({ kind, text });
    if (SYMBOLS.size < MAX_SHARED_SYMBOLS) SYMBOLS.set(key, token);
  }
  return token;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
// "$" opens the name of a declared multiple-response set ("$reasons").
const isIdentStart = (c: number) => isLetter(c) || c === 36;
const isIdentPart = (c: number) => isLetter(c) || isDigit(c);

/**
 * Splits free text into condition tokens, whitespace dropped, in one left-to-right pass: quoted strings ("…" or “…”),
 * numbers (12, 3.5), comparison and logic operators, identifiers, brackets, comma, slash, dashes; any other character
 * is punctuation. An opening quote without its closing quote is punctuation; a curly-quoted string also ends at the next
 * opening quote, so no quote makes the scan revisit the rest of the text. With `spans`, each token's start and end offsets
 * in the text are appended to it (two numbers per token).
 */
export function tokenizeCondition(text: string, spans?: number[]): ConditionToken[] {
  const tokens: ConditionToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (c < 128 ? c === 32 || (c >= 9 && c <= 13) : WHITESPACE.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === '“') {
      const close = ch === '"' ? text.indexOf('"', i + 1) : curlyClose(text, i + 1);
      if (close !== -1) {
        tokens.push({ kind: 'string', text: text.slice(i + 1, close) });
        if (spans) spans.push(i, close + 1);
        i = close + 1;
        continue;
      }
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      if (text[j] === '.' && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      tokens.push({ kind: 'number', text: text.slice(i, j) });
      if (spans) spans.push(i, j);
      i = j;
      continue;
    }
    if (ONE_CHAR_OPS.has(ch)) {
      const two = text.slice(i, i + 2);
      const op = TWO_CHAR_OPS.includes(two) ? two : ch;
      tokens.push(symbol('op', op));
      if (spans) spans.push(i, i + op.length);
      i += op.length;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j) });
      if (spans) spans.push(i, j);
      i = j;
      continue;
    }
    const kind = KIND_OF[ch];
    if (kind) {
      tokens.push(symbol(kind, ch));
      if (spans) spans.push(i, i + 1);
      i++;
      continue;
    }
    // Any other character, a surrogate pair as one.
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    tokens.push(symbol('punct', text.slice(i, i + width)));
    if (spans) spans.push(i, i + width);
    i += width;
  }
  return tokens;
}

const KIND_OF: Record<string, ConditionTokenKind | undefined> = {
  '(': 'lparen',
  '[': 'lparen',
  '{': 'lparen',
  ')': 'rparen',
  ']': 'rparen',
  '}': 'rparen',
  ',': 'comma',
  '/': 'slash',
  '-': 'dash',
  '–': 'dash',
  '—': 'dash',
};

/** Index of the "”" closing a curly-quoted string whose text starts at `from`, or -1 (also when a "“" comes first). */
function curlyClose(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '”') return j;
    if (text[j] === '“') return -1;
  }
  return -1;
}
