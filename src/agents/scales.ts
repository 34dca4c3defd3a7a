import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { substantiveLabels } from './answerCategories';

/** A NET row to add: label and the codes it sums. */
export interface NetSpec {
  label: string;
  codes: number[];
}

const POSITIVE =
  /\b(strongly agree|agree|very satisfied|satisfied|excellent|very good|good|very likely|likely|extremely|very important|important|always|easy)\b/i;
const NEGATIVE = /\b(disagree|dissatisfied|unsatisfied|poor|very poor|terrible|unlikely|not at all|not important|unimportant|never|difficult)\b/i;
const SCALE_WORDS = /\b(agree|disagree|satisf|dissatisf|likely|unlikely|excellent|poor|good|important|often|always|never)/i;

/** Consecutive numeric codes of the real answers, or null when the codes are not a run of integers. */
function scaleCodes(v: VariableSummary): number[] | null {
  const codes = substantiveLabels(v)
    .map((vl) => vl.value)
    .filter((c): c is number => typeof c === 'number')
    .sort((a, b) => a - b);
  if (codes.length < 2) return null;
  for (let i = 1; i < codes.length; i++) if (codes[i] !== codes[i - 1]! + 1) return null;
  return codes;
}

/** True for 0–10 likelihood-to-recommend questions (codes from the value labels or the table rows). */
export function isRecommendScale(v: VariableSummary, questionLabel: string, rowCodes: readonly number[] = []): boolean {
  const codes = new Set([
    ...substantiveLabels(v)
      .map((vl) => vl.value)
      .filter((c) => typeof c === 'number'),
    ...rowCodes,
  ]);
  const text = `${questionLabel} ${v.label} ${v.name}`;
  return codes.has(0) && codes.has(10) && Math.max(...codes) === 10 && /recommend|nps|promoter/i.test(text);
}

/** True for an agree/satisfaction-style labelled scale of 4 to 7 points. */
export function isOrderedScale(v: VariableSummary): boolean {
  const codes = scaleCodes(v);
  if (!codes || codes.length < 4 || codes.length > 7) return false;
  const labels = substantiveLabels(v).map((vl) => vl.label);
  return labels.filter((l) => SCALE_WORDS.test(l)).length >= 2;
}

/** NET rows for an ordered scale (Top/Bottom 2 box) or a 0–10 recommend scale (Promoters/Passives/Detractors). */
export function scaleNets(v: VariableSummary, questionLabel: string, rowCodes: readonly number[] = []): NetSpec[] {
  if (isRecommendScale(v, questionLabel, rowCodes)) {
    return [
      { label: 'Promoters (9-10) (NET)', codes: [9, 10] },
      { label: 'Passives (7-8) (NET)', codes: [7, 8] },
      { label: 'Detractors (0-6) (NET)', codes: [0, 1, 2, 3, 4, 5, 6] },
    ];
  }
  if (!isOrderedScale(v)) return [];
  const codes = scaleCodes(v)!;
  const low = codes.slice(0, 2);
  const high = codes.slice(-2);
  const end = positiveEnd(v);
  if (end === null) return [];
  const [top, bottom] = end === 'low' ? [low, high] : [high, low];
  return [
    { label: 'Top 2 box (NET)', codes: top },
    { label: 'Bottom 2 box (NET)', codes: bottom },
  ];
}

/**
 * The end of a scale its "top" is: the positive one. `low` for scales running from positive to negative (1 = Strongly
 * agree), `high` when the words put the positive end last or the ends carry no words (numbers only), null when the end
 * labels have words that do not say which end is positive.
 */
export function positiveEnd(v: VariableSummary): 'low' | 'high' | null {
  const stated = statedPositiveEnd(v);
  if (stated !== null) return stated;
  const [first, last] = endLabels(v);
  const words = (l: string) => /\p{L}/u.test(l.replace(/^\s*\d+\s*[-–—=:.)]?\s*/, ''));
  return !words(first) && !words(last) ? 'high' : null;
}

/**
 * The positive end of a scale when the words of its end labels say which it is ("Excellent" … "Poor": `low`); null
 * when they do not, or the scale has no words at its ends (a number alone says nothing of which end is better: a rank
 * is best at 1).
 */
export function statedPositiveEnd(v: VariableSummary): 'low' | 'high' | null {
  const [first, last] = endLabels(v);
  const positive = (l: string) => POSITIVE.test(l) && !NEGATIVE.test(l);
  const negative = (l: string) => NEGATIVE.test(l);
  const lowUp = positive(first) || negative(last);
  const highUp = positive(last) || negative(first);
  if (lowUp && !highUp) return 'low';
  if (highUp && !lowUp) return 'high';
  return null;
}

/** The labels of the lowest and highest numeric answer codes ('' when none). */
function endLabels(v: VariableSummary): [string, string] {
  const codes = substantiveLabels(v)
    .filter((vl) => typeof vl.value === 'number')
    .sort((a, b) => Number(a.value) - Number(b.value));
  return [codes[0]?.label ?? '', codes[codes.length - 1]?.label ?? ''];
}
