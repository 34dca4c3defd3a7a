import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { positiveEnd } from '@/agents/scales';
import { variablePoints } from './variablePoints';

/** "Top 2 box", "Bottom box", "T2B": the N answers at one end of a scale, with where the phrase is. */
export interface BoxPhrase {
  top: boolean;
  count: number;
  text: string;
  start: number;
  end: number;
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };
// One run of spaces or dashes before the count and one after it (never two runs side by side, which would backtrack).
const BOX = /\b(?:(top|bottom)[\s-]*(?:(\d+|one|two|three|four|five)[\s-]*)?box(?:es)?|([tb])(\d)b)\b/gi;

/** Every "top/bottom N box" phrase of a text; its number is a count of answers, never a code. */
export function boxPhrases(text: string): BoxPhrase[] {
  return [...text.matchAll(BOX)].map((m) => {
    const top = (m[1] ?? (m[3]!.toLowerCase() === 't' ? 'top' : 'bottom')).toLowerCase() === 'top';
    const raw = (m[2] ?? m[4] ?? '1').toLowerCase();
    return { top, count: NUMBER_WORDS[raw] ?? Number(raw), text: m[0], start: m.index, end: m.index + m[0].length };
  });
}

/**
 * The codes a box phrase names on a variable: the N answers at its positive end ("top") or negative end ("bottom");
 * a problem when the scale's words do not say which end is positive, or it has too few answers.
 */
export function boxCodes(box: BoxPhrase, v: VariableSummary): { codes: number[] } | { problem: string } {
  const answers = [...variablePoints(v).answers].filter((c): c is number => typeof c === 'number').sort((a, b) => a - b);
  const end = positiveEnd(v);
  if (end === null) return { problem: `"${box.text}" cannot be read on ${v.name}: its labels do not say which end of the scale is positive` };
  if (!Number.isInteger(box.count) || box.count < 1 || box.count >= answers.length) {
    return { problem: `"${box.text}" cannot be read on ${v.name}: the scale has too few answers` };
  }
  const high = box.top === (end === 'high');
  return { codes: high ? answers.slice(-box.count) : answers.slice(0, box.count) };
}
