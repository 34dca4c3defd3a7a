import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { statedPositiveEnd } from '@/agents/scales';
import type { LabelOccurrence } from './labelMentions';
import { outsideSpans, SpanIndex, type Span } from './spans';
import type { TextWord } from './textWords';
import { variablePoints, type Code } from './variablePoints';

/** Which way an open end runs from the answer it names: toward the scale's positive end or its negative end. */
export type OpenSide = 'better' | 'worse';

/** "Good or better", "at least Satisfied", "Fair or below", "Good+", "better than Good": a value label with an open end. */
export interface LabelOpenEnd extends Span {
  label: LabelOccurrence;
  side: OpenSide;
  /** False for "better than Good", "below Fair": the label's own answer is not in it. */
  inclusive: boolean;
  /** The label with its open end, as written. */
  text: string;
}

/** Words after "X or" / "X and" that open a label toward one end: "Good or better", "Fair and below". */
const AFTER: Record<string, OpenSide> = {
  better: 'better',
  above: 'better',
  higher: 'better',
  more: 'better',
  greater: 'better',
  up: 'better',
  upwards: 'better',
  over: 'better',
  worse: 'worse',
  below: 'worse',
  lower: 'worse',
  less: 'worse',
  under: 'worse',
  down: 'worse',
  downwards: 'worse',
};

/** Words before a label that open it ("at least Good", "no more than Fair", "better than Good"), last word first. */
const BEFORE: Array<{ words: string[]; side: OpenSide; inclusive: boolean }> = [
  ...[
    ['at', 'least'],
    ['no', 'less', 'than'],
    ['not', 'less', 'than'],
    ['no', 'worse', 'than'],
    ['not', 'worse', 'than'],
  ].map((words) => ({
    words,
    side: 'better' as const,
    inclusive: true,
  })),
  ...[
    ['at', 'most'],
    ['up', 'to'],
    ['no', 'more', 'than'],
    ['not', 'more', 'than'],
    ['no', 'better', 'than'],
    ['not', 'better', 'than'],
  ].map((words) => ({ words, side: 'worse' as const, inclusive: true })),
  ...[['better', 'than'], ['more', 'than'], ['higher', 'than'], ['greater', 'than'], ['above'], ['over']].map((words) => ({
    words,
    side: 'better' as const,
    inclusive: false,
  })),
  ...[['worse', 'than'], ['less', 'than'], ['lower', 'than'], ['below'], ['under']].map((words) => ({ words, side: 'worse' as const, inclusive: false })),
].sort((a, b) => b.words.length - a.words.length);

/** Words that say "toward an end" wherever they stand; one not read as part of an open end leaves the words unread. */
const DIRECTION_WORDS = new Set([
  'better',
  'worse',
  'above',
  'below',
  'higher',
  'lower',
  'more',
  'less',
  'greater',
  'over',
  'under',
  'least',
  'most',
  'upwards',
  'downwards',
]);

/**
 * The direction words ("better", "above", "at least" …) and the "+" signs on words ("Good+") of a text that no number
 * phrase, box, condition (`read`), open end or label (for a "+", a label spelled with it, "A+") accounts for: beside a
 * label, the words say more than the label.
 */
export function unreadDirections(
  text: string,
  words: readonly TextWord[],
  labels: readonly LabelOccurrence[],
  opens: readonly LabelOpenEnd[],
  read: readonly Span[],
): string[] {
  const direction = words.filter((w) => DIRECTION_WORDS.has(w.word));
  const plus = words.filter((w) => w.word.length > 1 && w.word.endsWith('+')).map((w) => ({ start: w.end - 1, end: w.end }));
  if (labels.length === 0 || (direction.length === 0 && plus.length === 0)) return [];
  const byWord = outsideSpans(direction, [...read, ...labels, ...opens]);
  const signs = outsideSpans(plus, [...read, ...opens, ...labels.filter((o) => o.text.endsWith('+'))]);
  return [...byWord, ...signs].map((w) => text.slice(w.start, w.end));
}

const OPEN_WORD = /\+|\b(?:better|above|higher|more|greater|up|upwards|over|worse|below|lower|less|under|down|downwards|least|most|than)\b/i;

/** False when the text has no word (or "+") an open end is written with: no label in it can have one. */
export function mayOpen(text: string): boolean {
  return OPEN_WORD.test(text);
}

/** Every label occurrence written with an open end before or after it, the phrase read from the raw text around it. */
export function labelOpenEnds(text: string, labels: readonly LabelOccurrence[]): LabelOpenEnd[] {
  const out: LabelOpenEnd[] = [];
  if (labels.length === 0 || !mayOpen(text)) return out;
  const index = new SpanIndex(labels);
  for (const label of labels) {
    const after = openAfter(text, label);
    const before = openBefore(text, label.start);
    for (const open of [after, before]) {
      // "Every month or Less often": the word starts another label, the two a list (one exactly the word is left to the caller).
      if (!open || index.overlapping(open).some((o) => !overlaps(o, label) && (o.start < open.start || o.end > open.end))) continue;
      const start = Math.min(open.start, label.start);
      const end = Math.max(open.end, label.end);
      out.push({ label, side: open.side, inclusive: open.inclusive, start, end, text: text.slice(start, end) });
    }
  }
  return out;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && a.end > b.start;

type Opening = { side: OpenSide; inclusive: boolean; start: number; end: number };

/** "+" on the label ("Good+"), or "or/and better, above …" after it (not followed by a number or "than": those open something else). */
function openAfter(text: string, label: LabelOccurrence): Opening | null {
  if (text[label.end - 1] === '+' && !label.text.endsWith('+')) return { side: 'better', inclusive: true, start: label.end - 1, end: label.end };
  let i = skipSpace(text, label.end);
  if (text[i] === '+') return { side: 'better', inclusive: true, start: i, end: i + 1 };
  const bracket = text[i] === '(';
  if (text[i] === ',' || bracket) i = skipSpace(text, i + 1);
  let join = '';
  if (text[i] === '&') join = '&';
  else join = wordAt(text, i);
  if (join !== 'or' && join !== 'and' && join !== '&') return null;
  const at = skipSpace(text, i + join.length);
  const word = wordAt(text, at);
  const side = AFTER[word];
  if (side === undefined) return null;
  const next = skipSpace(text, at + word.length);
  if (/^[-–]?\s*\d/.test(text.slice(next, next + 3)) || wordAt(text, next) === 'than') return null;
  return { side, inclusive: true, start: label.end, end: bracket && text[next] === ')' ? next + 1 : at + word.length };
}

/** "at least", "better than", "above" … right before the label. */
function openBefore(text: string, start: number): Opening | null {
  const words: Array<{ word: string; start: number }> = [];
  let i = start;
  while (words.length < 3) {
    const end = skipSpaceBack(text, i);
    const begin = wordStartBack(text, end);
    if (begin === end) break;
    words.push({ word: text.slice(begin, end).toLowerCase(), start: begin });
    i = begin;
  }
  for (const p of BEFORE) {
    const n = p.words.length;
    if (words.length < n) continue;
    if (p.words.every((w, k) => words[n - 1 - k]!.word === w)) return { side: p.side, inclusive: p.inclusive, start: words[n - 1]!.start, end: start };
  }
  return null;
}

const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}']/u.test(c);
const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

function skipSpace(text: string, i: number): number {
  while (isSpace(text[i])) i++;
  return i;
}

function skipSpaceBack(text: string, i: number): number {
  while (i > 0 && isSpace(text[i - 1])) i--;
  return i;
}

/** The word (letters) starting at i, lower-cased; '' when none. */
function wordAt(text: string, i: number): string {
  let j = i;
  while (isLetter(text[j])) j++;
  return text.slice(i, j).toLowerCase();
}

function wordStartBack(text: string, end: number): number {
  let i = end;
  while (i > 0 && isLetter(text[i - 1])) i--;
  return i;
}

/** What reading an open end on a variable needs: its numeric answer codes, ascending, and the end its words call positive. */
export interface ScaleEnds {
  answers: number[];
  positive: 'low' | 'high' | null;
}

/** The answers and positive end of a variable (computed once for all its open ends). */
export function scaleEnds(v: VariableSummary): ScaleEnds {
  const answers = [...variablePoints(v).answers].filter((c): c is number => typeof c === 'number').sort((a, b) => a - b);
  return { answers, positive: statedPositiveEnd(v) };
}

/**
 * The answers an open end names on its variable: the label's code (unless it is left out: "better than Good") and every
 * answer from it to the scale's positive end ("better", "above", "at least" …) or its negative end ("worse", "below",
 * "at most" …), never a non-answer or declared-missing code. A problem when the scale's words do not say which end is
 * positive, the label is not an answer on a scale of numeric codes, or nothing lies beyond it.
 */
export function openEndCodes(open: LabelOpenEnd, v: VariableSummary, scale: ScaleEnds = scaleEnds(v)): { codes: number[] } | { problem: string } {
  const code = open.label.code;
  if (typeof code !== 'number' || !scale.answers.includes(code))
    return { problem: `"${open.text}" cannot be read on ${v.name}: "${open.label.text}" is not a point of a scale` };
  if (scale.positive === null) return { problem: `"${open.text}" cannot be read on ${v.name}: its labels do not say which end of the scale is better` };
  const up = (open.side === 'better') === (scale.positive === 'high');
  const codes = scale.answers.filter((c) => (up ? c > code : c < code) || (open.inclusive && c === code));
  if (codes.length === 0) return { problem: `"${open.text}" names no answer of ${v.name}` };
  return { codes };
}

/** Labels inside an open end other than its own ("Better" in "Same or better"): its end word is also a label. */
export function labelsBeside(open: LabelOpenEnd, labels: SpanIndex<LabelOccurrence>): LabelOccurrence[] {
  return labels.overlapping(open).filter((o) => !overlaps(o, open.label) && o.start >= open.start && o.end <= open.end);
}

/**
 * The codes a description's labels name on one variable, their open ends read ("Good or better" is every answer from
 * "Good" up; "better than Good" leaves "Good" out); a problem when an open end cannot be read or its end word is also a
 * label of the variable ("Same or better" beside a label "Better": a list of two, or an open end?).
 */
export function labelledCodes(labels: readonly LabelOccurrence[], opens: readonly LabelOpenEnd[], v: VariableSummary): { codes: Code[] } | { problem: string } {
  const codes = new Set<Code>();
  const strict = new Set(opens.filter((o) => !o.inclusive).map((o) => o.label));
  for (const o of labels) if (!strict.has(o)) codes.add(o.code);
  const scale = scaleEnds(v);
  const index = new SpanIndex(labels);
  for (const open of opens) {
    const read = openEndCodes(open, v, scale);
    if ('problem' in read) return read;
    if (labelsBeside(open, index).length > 0)
      return { problem: `"${open.text}" could be a list of answers of ${v.name} or an open end: its end word is also a label` };
    for (const c of read.codes) codes.add(c);
  }
  return { codes: [...codes] };
}
