import { FilterSyntaxError } from './FilterErrors';

/** One lexical token of a filter expression. */
export type FilterToken =
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'op'; text: '==' | '!=' | '<' | '<=' | '>' | '>='; pos: number }
  | { kind: 'punct'; text: '&' | '|' | '!' | '(' | ')' | ','; pos: number }
  | { kind: 'end'; pos: number };

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isIdentStart = (c: string): boolean => isLetter(c) || c === '_' || c === '@' || c === '#' || c === '$';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c) || c === '.';

/** Split a filter expression into tokens in one left-to-right pass (linear time). */
export function tokenizeFilter(text: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < text.length && isIdentPart(text.charAt(i))) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), pos: start });
    } else if (isDigit(c) || ((c === '-' || c === '.') && startsNumber(text, i))) {
      const start = i;
      i = scanNumber(text, i);
      tokens.push({ kind: 'number', value: Number(text.slice(start, i)), pos: start });
    } else if (c === '"') {
      const start = i;
      let value = '';
      i++;
      while (i < text.length && text.charAt(i) !== '"') {
        if (text.charAt(i) === '\\' && i + 1 < text.length) i++;
        value += text.charAt(i);
        i++;
      }
      if (i >= text.length) throw new FilterSyntaxError('Unterminated string', text, start);
      i++;
      tokens.push({ kind: 'string', value, pos: start });
    } else if (c === '=' || c === '!' || c === '<' || c === '>') {
      const two = text.slice(i, i + 2);
      if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
        tokens.push({ kind: 'op', text: two, pos: i });
        i += 2;
      } else if (c === '<' || c === '>') {
        tokens.push({ kind: 'op', text: c, pos: i });
        i++;
      } else if (c === '!') {
        tokens.push({ kind: 'punct', text: '!', pos: i });
        i++;
      } else {
        throw new FilterSyntaxError("Unexpected '=' (use '==' to compare)", text, i);
      }
    } else if (c === '&' || c === '|' || c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, pos: i });
      i++;
    } else {
      throw new FilterSyntaxError(`Unexpected character '${c}'`, text, i);
    }
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

function startsNumber(text: string, i: number): boolean {
  let j = i;
  if (text.charAt(j) === '-') j++;
  if (text.charAt(j) === '.') j++;
  return isDigit(text.charAt(j));
}

function scanNumber(text: string, i: number): number {
  let j = i;
  if (text.charAt(j) === '-') j++;
  while (isDigit(text.charAt(j))) j++;
  if (text.charAt(j) === '.') {
    j++;
    while (isDigit(text.charAt(j))) j++;
  }
  if ((text.charAt(j) === 'e' || text.charAt(j) === 'E') && /[0-9+-]/.test(text.charAt(j + 1))) {
    let k = j + 1;
    if (text.charAt(k) === '+' || text.charAt(k) === '-') k++;
    if (isDigit(text.charAt(k))) {
      j = k;
      while (isDigit(text.charAt(j))) j++;
    }
  }
  return j;
}
