import { scanNumberTokens, type NumberToken } from './numberTokens';

/**
 * A span of the number line; a bound is ±Infinity when open-ended, and excluded when its `…Open` flag is set. `polar`
 * marks an open end written with "better" or "worse" ("3 or better"): it runs toward the scale's better end, which is
 * the high end only when the scale's words say so (see orientPolar); as written, better is higher.
 */
export interface Interval {
  low: number;
  high: number;
  lowOpen: boolean;
  highOpen: boolean;
  polar?: boolean;
}

/** How a mention was written: one value, a range, an open end ("8+", "under 25") or a list ("1, 2 or 3"). */
export type MentionForm = 'point' | 'range' | 'open' | 'list';

/** Numbers a text names in one phrase, as the union of their intervals, with where the phrase is in the text. */
export interface NumberMention {
  form: MentionForm;
  intervals: Interval[];
  /** The phrase as written ("9-10", "4 or lower"). */
  text: string;
  start: number;
  end: number;
}

const RANGE_JOIN = new Set(['-', '–', '—', 'to', 'through', 'thru', 'till', 'until']);
const LIST_JOIN = new Set([',', 'or', 'and', '/', '&', ';']);
const MORE = new Set(['more', 'above', 'over', 'higher', 'greater', 'older', 'up', 'upwards', 'plus', 'later']);
const LESS = new Set(['less', 'lower', 'below', 'under', 'fewer', 'younger', 'down', 'earlier', 'smaller']);
/** "or better", "or worse": toward an end of the scale, not of the number line (see Interval). */
const BETTER = 'better';
const WORSE = 'worse';
/** Words before a number that open it below or above, whether the number itself is included, and whether the side is the scale's. */
const PREFIX: Array<{ words: string[]; side: 'below' | 'above'; inclusive: boolean; polar?: boolean }> = [
  { words: ['no', 'worse', 'than'], side: 'above', inclusive: true, polar: true },
  { words: ['not', 'worse', 'than'], side: 'above', inclusive: true, polar: true },
  { words: ['no', 'better', 'than'], side: 'below', inclusive: true, polar: true },
  { words: ['not', 'better', 'than'], side: 'below', inclusive: true, polar: true },
  { words: ['better', 'than'], side: 'above', inclusive: false, polar: true },
  { words: ['worse', 'than'], side: 'below', inclusive: false, polar: true },
  { words: ['at', 'least'], side: 'above', inclusive: true },
  { words: ['no', 'less', 'than'], side: 'above', inclusive: true },
  { words: ['not', 'less', 'than'], side: 'above', inclusive: true },
  { words: ['minimum', 'of'], side: 'above', inclusive: true },
  { words: ['minimum'], side: 'above', inclusive: true },
  { words: ['min'], side: 'above', inclusive: true },
  { words: ['>='], side: 'above', inclusive: true },
  { words: ['≥'], side: 'above', inclusive: true },
  { words: ['at', 'most'], side: 'below', inclusive: true },
  { words: ['up', 'to'], side: 'below', inclusive: true },
  { words: ['no', 'more', 'than'], side: 'below', inclusive: true },
  { words: ['not', 'more', 'than'], side: 'below', inclusive: true },
  { words: ['maximum', 'of'], side: 'below', inclusive: true },
  { words: ['maximum'], side: 'below', inclusive: true },
  { words: ['max'], side: 'below', inclusive: true },
  { words: ['<='], side: 'below', inclusive: true },
  { words: ['≤'], side: 'below', inclusive: true },
  { words: ['more', 'than'], side: 'above', inclusive: false },
  { words: ['greater', 'than'], side: 'above', inclusive: false },
  { words: ['higher', 'than'], side: 'above', inclusive: false },
  { words: ['older', 'than'], side: 'above', inclusive: false },
  { words: ['over'], side: 'above', inclusive: false },
  { words: ['above'], side: 'above', inclusive: false },
  { words: ['>'], side: 'above', inclusive: false },
  { words: ['less', 'than'], side: 'below', inclusive: false },
  { words: ['fewer', 'than'], side: 'below', inclusive: false },
  { words: ['lower', 'than'], side: 'below', inclusive: false },
  { words: ['younger', 'than'], side: 'below', inclusive: false },
  { words: ['under'], side: 'below', inclusive: false },
  { words: ['below'], side: 'below', inclusive: false },
  { words: ['<'], side: 'below', inclusive: false },
];

/** The closed interval [a, b] (ordered). */
export function closed(a: number, b: number): Interval {
  return a <= b ? { low: a, high: b, lowOpen: false, highOpen: false } : { low: b, high: a, lowOpen: false, highOpen: false };
}

/** True when `x` lies in the interval. */
export function inInterval(x: number, r: Interval): boolean {
  const aboveLow = r.lowOpen ? x > r.low : x >= r.low;
  const belowHigh = r.highOpen ? x < r.high : x <= r.high;
  return aboveLow && belowHigh;
}

/**
 * Every number phrase of a text, left to right, each read once: single values ("Top box (5)", "Score of 10"), ranges with
 * any dash or word ("(1–3)", "8-10", "4 to 6", "0 through 6", "between 4 and 6"), open ends ("8+", "7 or more", "4 or
 * lower", "under 25", "at least 3", "65 and over", "65 years or older"; "3 or better", "worse than 3" toward an end of
 * the scale, see Interval) and lists of those ("1, 2 or 3", "9/10").
 * Digits inside names ("Q2", "S1_3") are not numbers. Linear in the text.
 */
export function numberMentions(text: string, tokens: readonly NumberToken[] = scanNumberTokens(text)): NumberMention[] {
  const out: NumberMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const prefix = t.kind === 'number' ? null : prefixAt(tokens, i);
    const numberAt = prefix ? i + prefix.length : i;
    if (tokens[numberAt]?.kind !== 'number') {
      i++;
      continue;
    }
    const read = readList(tokens, numberAt, prefix);
    const first = tokens[i]!;
    const last = tokens[read.next - 1]!;
    out.push({ form: read.form, intervals: read.intervals, text: text.slice(first.start, last.end), start: first.start, end: last.end });
    i = read.next;
  }
  return out;
}

type Prefix = { length: number; side: 'below' | 'above'; inclusive: boolean; polar: boolean };

const PREFIX_STARTS = new Set(PREFIX.map((p) => p.words[0]!));

function prefixAt(tokens: readonly NumberToken[], i: number): Prefix | null {
  if (!PREFIX_STARTS.has(tokens[i]?.text ?? '')) return null;
  for (const p of PREFIX) {
    if (p.words.every((w, k) => tokens[i + k]?.text === w)) return { length: p.words.length, side: p.side, inclusive: p.inclusive, polar: p.polar === true };
  }
  return null;
}

/** One item (a value, a range or an open end) at `i`, then more items joined by list words. */
function readList(tokens: readonly NumberToken[], i: number, prefix: Prefix | null): { form: MentionForm; intervals: Interval[]; next: number } {
  const between = tokens[i - 1]?.text === 'between' || tokens[i - 1]?.text === 'from';
  const first = readItem(tokens, i, prefix, between);
  const intervals = [first.interval];
  let form = first.form;
  let next = first.next;
  for (;;) {
    let j = next;
    if (tokens[j]?.text === ',' && LIST_JOIN.has(tokens[j + 1]?.text ?? '') && tokens[j + 1]?.text !== ',') j++;
    if (!LIST_JOIN.has(tokens[j]?.text ?? '')) break;
    const itemPrefix = tokens[j + 1]?.kind === 'number' ? null : prefixAt(tokens, j + 1);
    const at = j + 1 + (itemPrefix?.length ?? 0);
    if (tokens[at]?.kind !== 'number') break;
    const item = readItem(tokens, at, itemPrefix, false);
    intervals.push(item.interval);
    form = 'list';
    next = item.next;
  }
  return { form, intervals, next };
}

function readItem(tokens: readonly NumberToken[], i: number, prefix: Prefix | null, between: boolean): { form: MentionForm; interval: Interval; next: number } {
  const n = tokens[i]!.value!;
  if (prefix) {
    const interval: Interval =
      prefix.side === 'above'
        ? { low: n, high: Infinity, lowOpen: !prefix.inclusive, highOpen: true }
        : { low: -Infinity, high: n, lowOpen: true, highOpen: !prefix.inclusive };
    return { form: 'open', interval: prefix.polar ? { ...interval, polar: true } : interval, next: i + 1 };
  }
  const join = tokens[i + 1]?.text ?? '';
  const to = tokens[i + 2];
  if ((RANGE_JOIN.has(join) || (between && join === 'and')) && to?.kind === 'number') {
    return { form: 'range', interval: closed(n, to.value!), next: i + 3 };
  }
  if (join === '+') return { form: 'open', interval: { low: n, high: Infinity, lowOpen: false, highOpen: true }, next: i + 2 };
  // "8 or more", "65 and over", "65 years or older", "4 or lower": one unit word may sit between the number and the words.
  for (const skip of [0, 1]) {
    const unit = tokens[i + 1];
    if (
      skip === 1 &&
      (unit?.kind !== 'word' || LIST_JOIN.has(unit.text) || MORE.has(unit.text) || LESS.has(unit.text) || unit.text === BETTER || unit.text === WORSE)
    )
      break;
    const conj = tokens[i + 1 + skip]?.text;
    const word = tokens[i + 2 + skip]?.text ?? '';
    if (conj !== 'or' && conj !== 'and') {
      if (skip === 0 && (join === 'plus' || join === 'upwards')) {
        return { form: 'open', interval: { low: n, high: Infinity, lowOpen: false, highOpen: true }, next: i + 2 };
      }
      continue;
    }
    if (MORE.has(word)) return { form: 'open', interval: { low: n, high: Infinity, lowOpen: false, highOpen: true }, next: i + 3 + skip };
    if (LESS.has(word)) return { form: 'open', interval: { low: -Infinity, high: n, lowOpen: true, highOpen: false }, next: i + 3 + skip };
    if (word === BETTER) return { form: 'open', interval: { low: n, high: Infinity, lowOpen: false, highOpen: true, polar: true }, next: i + 3 + skip };
    if (word === WORSE) return { form: 'open', interval: { low: -Infinity, high: n, lowOpen: true, highOpen: false, polar: true }, next: i + 3 + skip };
  }
  return { form: 'point', interval: closed(n, n), next: i + 1 };
}

/**
 * The intervals of a mention with every `polar` open end turned toward the scale's better end: kept when it is the
 * high end, reversed when it is the low one ("3 or better" on 1 Excellent … 5 Poor is 3 and below).
 */
export function orientPolar(intervals: readonly Interval[], betterEnd: 'low' | 'high'): Interval[] {
  return intervals.map((r) => {
    if (!r.polar) return r;
    if (betterEnd === 'high') return { low: r.low, high: r.high, lowOpen: r.lowOpen, highOpen: r.highOpen };
    return r.high === Infinity
      ? { low: -Infinity, high: r.low, lowOpen: true, highOpen: r.lowOpen }
      : { low: r.high, high: Infinity, lowOpen: r.highOpen, highOpen: true };
  });
}
