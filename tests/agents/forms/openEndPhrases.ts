import type { Prng } from '../../../scripts/examples/prng';
import type { ScaleVariable } from './generatedVariables';
import { pickPoint } from './numberPhrases';

/** A phrase with an open end toward one end of a scale, and the points it names; `mustDrop` when the scale's words do not say which end that is (or it names none). */
export interface OpenEndPhrase {
  text: string;
  names: (shown: number) => boolean;
  mustDrop: boolean;
}

type Side = 'better' | 'worse';

/** The open end's points: from `at` toward the positive end ("better") or the negative one, as the scale's words put them. */
function toward(v: ScaleVariable, at: number, side: Side, inclusive: boolean): { names: (shown: number) => boolean; mustDrop: boolean } {
  if (v.positive === null) return { names: () => false, mustDrop: true };
  const up = (side === 'better') === (v.positive === 'high');
  const names = (s: number) => (up ? s > at : s < at) || (inclusive && s === at);
  return { names, mustDrop: !v.shown.some(names) };
}

/** "7 or better", "worse than 3": a number with "better" or "worse", which run toward the scale's ends, not up or down its numbers. */
export function polarNumberPhrase(rng: Prng, v: ScaleVariable): OpenEndPhrase {
  const p = pickPoint(rng, v.shown, 1);
  const side: Side = rng.pick(['better', 'worse']);
  const inclusive = rng.chance(0.7);
  const text = inclusive ? rng.pick([`${p} or ${side}`, `Rated ${p} or ${side}`, `${p} and ${side}`]) : `${side === 'better' ? 'Better' : 'Worse'} than ${p}`;
  return { text, ...toward(v, p, side, inclusive) };
}

const BETTER = [
  (w: string) => `${w} or better`,
  (w: string) => `${w} or above`,
  (w: string) => `${w} and above`,
  (w: string) => `${w} or higher`,
  (w: string) => `${w}+`,
  (w: string) => `${w} and up`,
  (w: string) => `At least ${w.toLowerCase()}`,
];
const WORSE = [
  (w: string) => `${w} or worse`,
  (w: string) => `${w} or below`,
  (w: string) => `${w} or lower`,
  (w: string) => `${w} and below`,
  (w: string) => `At most ${w.toLowerCase()}`,
  (w: string) => `Up to ${w.toLowerCase()}`,
];
const STRICT: Record<Side, Array<(w: string) => string>> = {
  better: [(w) => `Better than ${w.toLowerCase()}`, (w) => `Above ${w.toLowerCase()}`],
  worse: [(w) => `Worse than ${w.toLowerCase()}`, (w) => `Below ${w.toLowerCase()}`],
};

/** "Good or better", "At least satisfied", "Fair or below", "Good+", "Better than good": a point's word label with an open end. */
export function labelOpenEndPhrase(rng: Prng, v: ScaleVariable): OpenEndPhrase {
  const labelled = v.words.map((w, i) => (w === '' ? -1 : i)).filter((i) => i >= 0);
  const i = rng.pick(labelled);
  const word = v.words[i]!;
  const side: Side = rng.pick(['better', 'worse']);
  const inclusive = rng.chance(0.8);
  const form = inclusive ? rng.pick(side === 'better' ? BETTER : WORSE) : rng.pick(STRICT[side]);
  return { text: form(word), ...toward(v, v.shown[i]!, side, inclusive) };
}
