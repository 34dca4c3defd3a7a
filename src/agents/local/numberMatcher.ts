import type { VariableSummary } from '@/agents/dataMapExcerpt';
import type { MatchKind } from '@/agents/matchKind';
import { labelOccurrences, labelVariants, WordPositions } from '@/agents/accounting/labelMentions';
import { inInterval, numberMentions, type Interval, type NumberMention } from '@/agents/accounting/numberMentions';
import { readNumbers } from '@/agents/accounting/readNumbers';
import { IntervalUnion } from '@/agents/accounting/IntervalUnion';
import { boxCodes, boxPhrases, type BoxPhrase } from '@/agents/accounting/boxPhrases';
import { topicNumberSpans } from '@/agents/accounting/topicNumbers';
import { labelledCodes, labelOpenEnds } from '@/agents/accounting/labelOpenEnds';
import { textWords } from '@/agents/accounting/textWords';
import { outsideSpans } from '@/agents/accounting/spans';
import { isAnswerCode, variablePoints, type Code } from '@/agents/accounting/variablePoints';
import type { AnswerText } from '@/agents/surveyAnswers';
import { bestSubjects, subjectScores, subjectStems } from '@/agents/accounting/subjectWords';
import { formatFilter, simplifyFilter, type FilterNode } from '@/lib/filters';

/** A match read from numbers (with any labels named beside them), written as an expression. */
export interface RangeExpressionMatch {
  variable: string;
  expression: string;
  score: number;
  why: string;
  match: MatchKind;
}

/**
 * Reads the numbers of a description ("Promoters (9-10)", "4 or lower at Q2", "aged under 25") on each variable they can
 * be values of: codes of a scale (labelled fully, at its ends or not at all), bands of range labels, or a numeric
 * variable. A scale's codes and a numeric variable are only read when the description, the group label (`context`) or a
 * label named beside the numbers says what they are about; range labels are read without that, at a lower score.
 * Numbers a variable cannot hold make a partial match on it when it is the one the words are about.
 */
export function matchNumbers(
  description: string,
  context: string,
  variables: readonly VariableSummary[],
  answers: readonly AnswerText[] = [],
): RangeExpressionMatch[] {
  // "Top 2 box": its number counts answers at one end of the scale; it is no code.
  const boxes = boxPhrases(description);
  const words = textWords(description);
  // Numbers of a question's own words ("Used Alpha in the past 3 months") name no answer either.
  const all = outsideSpans(
    numberMentions(description).filter((m) => !/\b(?:question|q|item)\s*$/i.test(description.slice(Math.max(0, m.start - 10), m.start))),
    [...boxes, ...topicNumberSpans(words, variables)],
  );
  if (all.length === 0 && boxes.length === 0) return [];
  const positions = new WordPositions(words);
  const tokens = new Set(description.split(/[^A-Za-z0-9_$]+/).map((t) => t.toLowerCase()));
  const readings = variables.flatMap((v) => {
    if (v.kind !== 'single' && v.kind !== 'numeric') return [];
    const own = answers.filter((a) => a.variable.toLowerCase() === v.name.toLowerCase());
    const labels = labelOccurrences(positions, labelVariants(v, own));
    const mentions = outsideSpans(all, labels);
    const points = variablePoints(v);
    return mentions.length === 0 && boxes.length === 0
      ? []
      : [{ v, labels, mentions, points, read: withBoxes(readAll(mentions, points), boxes, v, mentions.length) }];
  });
  // The question the words (and the group label) are about, among those that can hold their numbers.
  const fitting = readings.filter((r) => !('problem' in r.read) || r.points.reading !== 'bands').map((r) => r.v);
  const subjects = new Set(
    bestSubjects(
      subjectScores(new Set([...subjectStems(description), ...subjectStems(context)]), fitting),
      fitting.map((v) => v.name),
    ),
  );
  const out: RangeExpressionMatch[] = [];
  for (const { v, labels, mentions, points, read } of readings) {
    const related = tokens.has(v.name.toLowerCase()) || labels.length > 0 || subjects.has(v.name);
    if (!related && points.reading !== 'bands') continue;
    if ('problem' in read) {
      // Bands that do not cover the numbers leave them to another variable; a scale the words are about cannot.
      if (related && points.reading !== 'bands') out.push({ variable: v.name, expression: '', score: 0.8, why: read.problem, match: 'partial' });
      continue;
    }
    // "Very good or better (1-2)": a label's open end names codes as the numbers do (when it cannot be read, the numbers say).
    const byLabels = labelledCodes(labels, labelOpenEnds(description, labels), v);
    const codes = new Set<Code>([...read.codes, ...('codes' in byLabels ? byLabels.codes : labels.map((o) => o.code))]);
    const expression = read.intervals.length > 0 ? intervalsExpression(v, read.intervals) : codesExpression(v.name, [...codes]);
    const phrase = [...mentions.map((m) => `"${m.text}"`), ...boxes.map((b) => `"${b.text}"`)].join(', ');
    if (points.reading === 'bands') {
      const single = codes.size === 1;
      out.push({
        variable: v.name,
        expression,
        score: (single ? 0.95 : 0.9) - (related ? 0 : 0.15),
        why: `${phrase} covers bands of ${v.name}`,
        match: 'label',
      });
    } else {
      const score = points.reading === 'continuous' ? 0.85 : 0.92;
      out.push({
        variable: v.name,
        expression,
        score,
        why: `${phrase} read as ${points.reading === 'continuous' ? 'values' : 'codes'} of ${v.name}`,
        match: 'label',
      });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/** The codes of the box phrases added to what the numbers read (a box the scale cannot place is left to the numbers beside it). */
function withBoxes(read: ReturnType<typeof readAll>, boxes: readonly BoxPhrase[], v: VariableSummary, numbers: number): ReturnType<typeof readAll> {
  if ('problem' in read || boxes.length === 0) return read;
  const codes = [...read.codes];
  for (const box of boxes) {
    const r = boxCodes(box, v);
    if ('problem' in r && numbers === 0) return r;
    if ('codes' in r) codes.push(...r.codes);
  }
  return { codes, intervals: read.intervals };
}

function readAll(
  mentions: readonly NumberMention[],
  points: ReturnType<typeof variablePoints>,
): { codes: Code[]; intervals: Interval[] } | { problem: string } {
  const codes: Code[] = [];
  const intervals: Interval[] = [];
  for (const m of mentions) {
    const r = readNumbers(points, m);
    if ('problem' in r) return r;
    if ('codes' in r) codes.push(...r.codes);
    else intervals.push(...r.intervals);
  }
  return { codes, intervals };
}

/** `Q5 == 9`, `Q5 in (9, 10)`. */
export function codesExpression(name: string, codes: readonly Code[]): string {
  const sorted = [...new Set(codes)].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
  return formatFilter(simplifyFilter({ type: 'in', variable: name, values: sorted }));
}

/** Intervals of a numeric variable as an expression, its non-answer codes inside them left out: `S2 >= 65 & S2 != 99`. */
function intervalsExpression(v: VariableSummary, intervals: readonly Interval[]): string {
  const one = (r: Interval): FilterNode => {
    const parts: FilterNode[] = [];
    if (Number.isFinite(r.low)) parts.push({ type: 'compare', variable: v.name, op: r.lowOpen ? '>' : '>=', value: r.low });
    if (Number.isFinite(r.high)) parts.push({ type: 'compare', variable: v.name, op: r.highOpen ? '<' : '<=', value: r.high });
    if (r.low === r.high) return { type: 'compare', variable: v.name, op: '==', value: r.low };
    return parts.length === 1 ? parts[0]! : { type: 'and', children: parts };
  };
  const parts = new IntervalUnion(intervals).parts;
  const union: FilterNode = parts.length === 1 ? one(parts[0]!) : { type: 'or', children: parts.map(one) };
  const outside = v.valueLabels
    .filter((vl) => typeof vl.value === 'number' && !isAnswerCode(v, vl.value) && !v.missingValues.includes(vl.value))
    .filter((vl) => intervals.some((r) => inInterval(vl.value as number, r)))
    .map((vl): FilterNode => ({ type: 'compare', variable: v.name, op: '!=', value: vl.value }));
  return formatFilter(simplifyFilter(outside.length === 0 ? union : { type: 'and', children: [union, ...outside] }));
}
