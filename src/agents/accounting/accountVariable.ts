import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { hasNegation, optionText } from '@/agents/labelText';
import { phraseWords } from './textWords';
import { distinctiveCodes, type LabelOccurrence } from './labelMentions';
import { constantsOf, selectedValues, type VariableCondition } from './filterSelection';
import { inInterval, type Interval, type NumberMention } from './numberMentions';
import type { NumberReadingResult } from './readNumbers';
import type { TextClaims, VariantBook } from './textClaims';
import { valuesToTry } from './valuesToTry';
import { isAnswerCode, labelOf, variablePoints, type Code } from './variablePoints';
import { WordIndex } from '@/agents/WordIndex';
import { IntervalUnion } from './IntervalUnion';
import { boxCodes, type BoxPhrase } from './boxPhrases';
import { labelsBeside, openEndCodes, scaleEnds, type LabelOpenEnd } from './labelOpenEnds';
import { outsideSpans, SpanIndex } from './spans';

/** A number phrase attributed to a variable, with how it reads there. */
export interface NumberRead {
  mention: NumberMention;
  result: NumberReadingResult;
}

/** What the words say about one variable the filter uses. */
export interface VariableWords {
  condition: VariableCondition;
  numbers: NumberRead[];
  /** "Top 2 box" phrases about it. */
  boxes: BoxPhrase[];
  labels: LabelOccurrence[];
  /** Its labels named with an open end ("Good or better"). */
  openEnds: LabelOpenEnd[];
  claims: readonly TextClaims[];
}

/**
 * How the filter must relate to the words: `exact` (select exactly what they name), `within` (select all they name),
 * `outside` (a jump: select none of it, and every other answer), `avoid` (select none of it).
 */
export type Accounting = 'exact' | 'within' | 'outside' | 'avoid';

/**
 * Problems between what the words name on one variable and what the filter selects of it. Everything named (numbers,
 * labels) must be selected; in `exact` accounting, everything selected must be named — by numbers and labels when the
 * words give numbers, else also by a word only that answer's label has ("south", "women") or, for a yes/no question
 * named with a negation, its "No". A label with an open end ("Good or better", "at least Satisfied") names every answer
 * from it to that end of the scale.
 */
export function accountVariable(words: VariableWords, book: VariantBook, accounting: Accounting): string[] {
  const v = words.condition.variable;
  const loose = accounting === 'within' || accounting === 'avoid';
  if (loose && words.numbers.length === 0 && words.labels.length === 0 && words.boxes.length === 0) return [];
  const points = variablePoints(v);
  const problems: string[] = [];
  const named = new Map<Code, string>();
  const intervals: Interval[] = [];
  const bounds = new Set<number>();
  for (const { mention, result } of words.numbers) {
    for (const r of mention.intervals) bounds.add(r.low).add(r.high);
    if ('problem' in result) problems.push(result.problem);
    else if ('codes' in result) for (const c of result.codes) named.set(c, `"${mention.text}"`);
    else intervals.push(...result.intervals);
  }
  // "Better than Good" does not name "Good" itself.
  const excluded = new Set(words.openEnds.filter((open) => !open.inclusive).map((open) => open.label));
  for (const o of words.labels) if (!excluded.has(o)) named.set(o.code, `"${o.text}"`);
  for (const box of words.boxes) {
    const read = boxCodes(box, v);
    // "Top box (10)" on a scale whose words do not say which end is top: the number says which points.
    if ('problem' in read) {
      if (words.numbers.length === 0) problems.push(read.problem);
    } else for (const c of read.codes) named.set(c, `"${box.text}"`);
  }
  problems.push(...openEndProblems(words, named, loose));
  const union = new IntervalUnion(intervals);
  const numbers = [...bounds, ...constantsOf(words.condition.nodes), ...named.keys()].filter((x): x is number => typeof x === 'number');
  const values = valuesToTry(points, numbers);
  const read = selectedValues(words.condition, values);
  if ('problem' in read) return [...problems, read.problem];
  const selected = read.selected;
  // A range never takes in a missing or non-answer code; only naming it alone does.
  const isNamed = (x: Code) => named.has(x) || (typeof x === 'number' && isAnswerCode(v, x) && union.has(x));
  const source = (x: Code) => named.get(x) ?? sourceOf(x, words.numbers);
  const list = (xs: readonly Code[], say: (x: Code) => string) =>
    xs.length > 5 ? `${xs.slice(0, 5).map(say).join(', ')} and ${xs.length - 5} more` : xs.map(say).join(', ');
  const describe = (x: Code) => describeCode(v, x);
  // Where the words name them, when not by their own label: ` (in "9-10")`.
  const sources = (xs: readonly Code[]) => {
    const from = [...new Set(xs.map(source).filter((s, i) => s !== `"${labelOf(v, xs[i]!)}"`))];
    return from.length === 0 ? '' : ` (in ${from.slice(0, 3).join(', ')})`;
  };

  if (accounting === 'outside') {
    const missing = (x: Code) => v.missingValues.some((m) => String(m) === String(x));
    const left = values.filter((x) => !missing(x) && !isNamed(x) && !selected.has(x));
    const taken = values.filter((x) => isNamed(x) && selected.has(x));
    if (left.length > 0) problems.push(`the words do not name ${list(left, describe)} of ${v.name} as skipped, yet the filter leaves it out`);
    if (taken.length > 0) problems.push(`the words name ${list(taken, describe)} of ${v.name}${sources(taken)} as skipped, yet the filter selects it`);
    return problems;
  }
  if (accounting === 'avoid') {
    const taken = values.filter((x) => isNamed(x) && selected.has(x));
    if (taken.length > 0) problems.push(`the words name ${list(taken, describe)} of ${v.name}${sources(taken)} as skipped, yet the filter selects it`);
    return problems;
  }
  const missed = values.filter((x) => isNamed(x) && !selected.has(x));
  if (missed.length > 0) problems.push(`the words name ${list(missed, describe)} of ${v.name}${sources(missed)}, which the filter does not select`);
  // "Office or remote": "office" belongs to "Head office" alone; naming it names that answer too.
  const byWord = [...new Set(words.claims.flatMap((c) => [...distinctiveCodes(outsideSpans(c.words, [...excluded]), book.of(v), points.answers)]))];
  const unselected = byWord.filter((x) => !selected.has(x) && !missed.includes(x));
  if (unselected.length > 0)
    problems.push(`the words name ${list(unselected, describe)} of ${v.name} by a word of its label, which the filter does not select`);
  if (accounting === 'within') return problems;
  const evidence = words.numbers.length > 0 || words.boxes.length > 0 || words.openEnds.length > 0 ? new Set<Code>() : wordEvidence(words, book);
  const unnamed = [...selected].filter((x) => !isNamed(x) && !evidence.has(x));
  if (unnamed.length > 0 && named.size === 0 && union.size === 0 && evidence.size === 0) {
    problems.push(`the words name no answer of ${v.name}, yet the filter selects ${list(unnamed, describe)}`);
  } else if (unnamed.length > 0) {
    problems.push(`the filter also selects ${list(unnamed, describe)} of ${v.name}, which the words do not name`);
  }
  if (selected.size === 0 && problems.length === 0) problems.push(`the filter selects no answer of ${v.name}`);
  return problems;
}

/**
 * Adds the answers each open end names to `named`; problems when one cannot be read (unless numbers beside it say which
 * points are meant, or a condition beside it does), when its end word is itself a label ("Same or better" with a label
 * "Better": two answers, or every answer from "Same" up?) and the two readings differ, or when a word such as "better"
 * or "at least" stands beside a label without being read as an open end.
 */
function openEndProblems(words: VariableWords, named: Map<Code, string>, loose: boolean): string[] {
  const v = words.condition.variable;
  const problems: string[] = [];
  const scale = scaleEnds(v);
  const labels = new SpanIndex(words.labels);
  for (const open of words.openEnds) {
    const read = openEndCodes(open, v, scale);
    if ('problem' in read) {
      if (!loose && words.numbers.length === 0) problems.push(read.problem);
      continue;
    }
    for (const c of read.codes) named.set(c, `"${open.text}"`);
    const inside = labelsBeside(open, labels).map((o) => o.code);
    const list = new Set<Code>([...inside, ...(open.inclusive ? [open.label.code] : [])]);
    if (inside.length > 0 && (list.size !== read.codes.length || !read.codes.every((c) => list.has(c)))) {
      problems.push(`"${open.text}" could name ${list.size} answers of ${v.name} or ${read.codes.length}: its end word is also a label`);
    }
  }
  if (loose || words.labels.length === 0) return problems;
  const own = words.claims.filter((c) => c.labels.some((o) => o.variable === v.name));
  const unread = [...new Set(own.flatMap((c) => c.unread))];
  if (unread.length > 0) problems.push(`${unread.map((w) => `"${w}"`).join(', ')} beside a label of ${v.name} is not read as an open end`);
  return problems;
}

/** The number phrase a value was named by (for a message). */
function sourceOf(x: Code, reads: readonly NumberRead[]): string {
  const read = reads.find((r) => typeof x === 'number' && r.mention.intervals.some((i) => inInterval(x, i)));
  return read ? `"${read.mention.text}"` : 'the words';
}

/** Codes named by a word only their label has, or a yes/no question's "No" named by a negation of its subject. */
function wordEvidence(words: VariableWords, book: VariantBook): Set<Code> {
  const v = words.condition.variable;
  const points = variablePoints(v);
  const variants = book.of(v);
  const out = new Set<Code>();
  for (const claims of words.claims) {
    for (const c of distinctiveCodes(claims.words, variants, points.answers)) out.add(c);
    if (!claims.negated) continue;
    const subject = new WordIndex(phraseWords(`${v.label} ${v.kind === 'multi' ? optionText(v) : ''}`));
    const namesSubject = claims.words.some((w) => !hasNegation(w.word) && subject.has(w.word));
    const negative = v.valueLabels.filter((vl) => points.answers.has(vl.value) && hasNegation(vl.label));
    if (namesSubject && negative.length === 1) out.add(negative[0]!.value);
  }
  return out;
}

/** `10 ("10 Extremely likely")`, `6`. */
export function describeCode(v: VariableSummary, x: Code): string {
  const label = labelOf(v, x);
  return label === undefined || label === String(x) ? String(x) : `${x} ("${label}")`;
}
