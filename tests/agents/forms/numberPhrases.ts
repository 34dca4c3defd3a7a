import type { Prng } from '../../../scripts/examples/prng';

/** A phrase naming numbers in words, with which numbers it names. */
export interface NumberPhrase {
  text: string;
  names: (x: number) => boolean;
}

/** The numbers a phrase can be about, lowest first (the points of a scale, or a number's range). */
export type Line = readonly number[];

const DASHES = ['-', '–', '—', ' - ', ' – '];

/** Two points a < b of the line. */
export function pickRange(rng: Prng, line: Line): [number, number] {
  const i = rng.int(0, line.length - 2);
  const j = rng.int(i + 1, line.length - 1);
  return [line[i]!, line[j]!];
}

/** A point of the line, away from its ends by `inner` points (so "or more" and "under" name a real part of it). */
export function pickPoint(rng: Prng, line: Line, inner = 0): number {
  return line[rng.int(inner, line.length - 1 - inner)]!;
}

/** The phrase forms of numbers in words, each making a phrase on a line of numbers (whose top, its positive end, is its high end unless `highIsTop` is false). */
export const NUMBER_PHRASES: Record<string, (rng: Prng, line: Line, highIsTop?: boolean) => NumberPhrase> = {
  'single point in brackets': (rng, line, highIsTop = true) => {
    const p = pickPoint(rng, line);
    const [high, low] = highIsTop ? ['Top box', 'Bottom box'] : ['Bottom box', 'Top box'];
    const word = p === line[line.length - 1] ? high : p === line[0] ? low : rng.pick(['Middle', 'Score', 'Rating']);
    return { text: `${word} (${p})`, names: (x) => x === p };
  },
  'score of N': (rng, line) => {
    const p = pickPoint(rng, line);
    return { text: rng.pick([`Score of ${p}`, `Scored ${p}`, `Gave ${p}`]), names: (x) => x === p };
  },
  'range in brackets': (rng, line) => {
    const [a, b] = pickRange(rng, line);
    return { text: `${rng.pick(['High', 'Low', 'Mid', 'Group'])} (${a}${rng.pick(DASHES)}${b})`, names: (x) => x >= a && x <= b };
  },
  'bare range': (rng, line) => {
    const [a, b] = pickRange(rng, line);
    return { text: rng.pick([`${a}-${b}`, `${a}–${b}`, `${a} to ${b}`]), names: (x) => x >= a && x <= b };
  },
  'range in words': (rng, line) => {
    const [a, b] = pickRange(rng, line);
    const text = rng.pick([`scores ${a} to ${b}`, `rated ${a} through ${b}`, `between ${a} and ${b}`, `gave ${a}-${b}`]);
    return { text, names: (x) => x >= a && x <= b };
  },
  'N+': (rng, line) => {
    const p = pickPoint(rng, line, 1);
    return { text: `${p}+`, names: (x) => x >= p };
  },
  'N or more': (rng, line) => {
    const p = pickPoint(rng, line, 1);
    return { text: rng.pick([`${p} or more`, `${p} and above`, `${p} or higher`, `${p} and over`]), names: (x) => x >= p };
  },
  'N or lower': (rng, line) => {
    const p = pickPoint(rng, line, 1);
    return { text: rng.pick([`${p} or lower`, `${p} or less`, `${p} and below`, `${p} or under`]), names: (x) => x <= p };
  },
  'under N': (rng, line) => {
    const p = pickPoint(rng, line, 1);
    return { text: rng.pick([`under ${p}`, `below ${p}`, `less than ${p}`]), names: (x) => x < p };
  },
  'over N': (rng, line) => {
    const p = pickPoint(rng, line, 1);
    return { text: rng.pick([`over ${p}`, `more than ${p}`, `above ${p}`]), names: (x) => x > p };
  },
  'at least / at most N': (rng, line) => {
    const p = pickPoint(rng, line, 1);
    return rng.chance(0.5) ? { text: `at least ${p}`, names: (x) => x >= p } : { text: rng.pick([`at most ${p}`, `up to ${p}`]), names: (x) => x <= p };
  },
  'list of N': (rng, line) => {
    const picked = [...new Set([pickPoint(rng, line), pickPoint(rng, line), pickPoint(rng, line)])].sort((a, b) => a - b);
    if (picked.length === 1) picked.push(picked[0] === line[0] ? line[1]! : line[0]!);
    picked.sort((a, b) => a - b);
    const last = picked[picked.length - 1]!;
    const head = picked.slice(0, -1).join(', ');
    const text = picked.length === 2 ? rng.pick([`${head} or ${last}`, `${head}/${last}`, `${head} and ${last}`]) : `${head} or ${last}`;
    return { text, names: (x) => picked.includes(x) };
  },
};
