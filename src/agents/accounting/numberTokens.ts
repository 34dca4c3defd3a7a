/** One token of a text read for numbers: a number (with its value), a word (lower-cased), a name with digits, or a symbol. */
export interface NumberToken {
  kind: 'number' | 'word' | 'name' | 'symbol';
  text: string;
  value?: number;
  start: number;
  end: number;
}

/** Symbols a number phrase can hold; any other symbol only separates (one shared token stands for all of them). */
const PHRASE_SYMBOLS = new Set(['-', '–', '—', '+', ',', '/', '&', ';', '<', '>', '≤', '≥', '%']);
const SEPARATOR: NumberToken = Object.freeze({ kind: 'symbol', text: '', start: -1, end: -1 });
const LETTER = /[\p{L}\p{M}]/u;
const SPACE = /\s/u;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isLetterAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c < 128 ? isAsciiLetter(c) : i < text.length && LETTER.test(text[i]!);
};

/**
 * Splits a text into number tokens in one left-to-right pass: numbers ("1,000", "2.5", "10"), words (letters and
 * apostrophes, lower-cased), names (letters then digits: "Q2", "S1_3"; digits run into letters: "3rd") and the symbols a
 * number phrase uses ("-", "+", ",", "/", "<=" …). Any other symbol is one shared separator token, so a run of a million
 * brackets allocates nothing each.
 */
export function scanNumberTokens(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || (c >= 128 && SPACE.test(text[i]!))) {
      i++;
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      // Digit groups: "1,000" (three digits after each comma, no more digits after the last group).
      if (j - i <= 3) {
        let k = j;
        while (
          text[k] === ',' &&
          isDigit(text.charCodeAt(k + 1)) &&
          isDigit(text.charCodeAt(k + 2)) &&
          isDigit(text.charCodeAt(k + 3)) &&
          !isDigit(text.charCodeAt(k + 4))
        )
          k += 4;
        if (text[k] !== ',' || !isDigit(text.charCodeAt(k + 1))) j = k;
      }
      if (text[j] === '.' && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      const raw = text.slice(i, j);
      const value = Number(raw.replace(/,/g, ''));
      const glued = isLetterAt(text, j) || (i > 0 && isLetterAt(text, i - 1));
      if (glued || !Number.isFinite(value)) tokens.push({ kind: 'name', text: raw, start: i, end: j });
      else tokens.push({ kind: 'number', text: raw, value, start: i, end: j });
      i = j;
      continue;
    }
    if (isLetterAt(text, i)) {
      let j = i + 1;
      let digits = false;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (isDigit(d)) digits = true;
        else if (!(d === 39 || isLetterAt(text, j))) break;
      }
      tokens.push({ kind: digits ? 'name' : 'word', text: text.slice(i, j).toLowerCase(), start: i, end: j });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    const op = two === '>=' || two === '=>' ? '>=' : two === '<=' || two === '=<' ? '<=' : null;
    if (op) {
      tokens.push({ kind: 'symbol', text: op, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    const ch = text.slice(i, i + width);
    tokens.push(PHRASE_SYMBOLS.has(ch) ? { kind: 'symbol', text: ch, start: i, end: i + width } : SEPARATOR);
    i += width;
  }
  return tokens;
}
