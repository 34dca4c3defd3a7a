import type { DataMapVariable } from '@/lib/core/types';
import type { Prng } from '../../../scripts/examples/prng';

/** How a scale's points carry labels: words on every point, numbers on every point (words at the ends), the ends only (with or without their numbers), or none. */
export type Labelling = 'words' | 'numbers' | 'ends' | 'ends-numbered' | 'none';

/** What a question is about: its label, the group label an analyst gives it, and a word that names it alone. */
export interface Topic {
  label: string;
  group: string;
  /** A word of the label no other topic has ("recommend"), for routing that names the question by its subject. */
  word: string;
}

/** A generated scale: the points respondents saw, the codes they are stored as, its labels and its non-answer codes. */
export interface ScaleVariable {
  type: 'scale';
  name: string;
  topic: Topic;
  /** The numbers shown to respondents, lowest first. */
  shown: number[];
  /** Code minus the number shown (1 when a 0-10 scale is stored as 1-11). */
  offset: number;
  labelling: Labelling;
  /** Word labels of the points, lowest first (when the labelling has words). */
  words: string[];
  /** The end its words call positive ("Excellent" first: `low`); null when they do not say (sizes, frequencies) or it has none. */
  positive: 'low' | 'high' | null;
  nonAnswers: Array<{ code: number; label: string; declared: boolean }>;
  kind: 'single' | 'numeric';
}

/** A generated number (age, visits): any value in its range, perhaps with a labelled refusal code. */
export interface NumberVariable {
  type: 'number';
  name: string;
  topic: Topic;
  low: number;
  high: number;
  refused: { code: number; declared: boolean } | null;
}

/** A generated category question whose survey document words its answers differently from its value labels. */
export interface CategoryVariable {
  type: 'category';
  name: string;
  topic: Topic;
  labels: string[];
  /** The survey's wording of each answer, with the names it offers in brackets. */
  surveyTexts: string[];
  /** Names an analyst uses for each answer in a banner plan (from the survey's wording, not the value label). */
  columnNames: string[][];
}

/** Any generated variable. */
export type GeneratedVariable = ScaleVariable | NumberVariable | CategoryVariable;

/** The subjects a generated scale can be about (each names its question by a word no other has). */
export const SCALE_TOPICS: Topic[] = [
  { label: 'How likely are you to recommend us to a friend?', group: 'Likelihood to recommend', word: 'recommend' },
  { label: 'How satisfied were you with the staff?', group: 'Satisfaction with staff', word: 'staff' },
  { label: 'Rating of the website', group: 'Website rating', word: 'website' },
  { label: 'How clean was the ward?', group: 'Cleanliness of the ward', word: 'ward' },
  { label: 'How would you rate the food?', group: 'Food rating', word: 'food' },
  { label: 'Rating of the waiting time', group: 'Waiting time', word: 'waiting' },
  { label: 'How easy was it to park?', group: 'Ease of parking', word: 'park' },
];
/** The subjects a generated number can be about, with the range its values take. */
export const NUMBER_TOPICS: Array<Topic & { low: number; high: number }> = [
  { label: 'Age in years', group: 'Age', word: 'age', low: 16, high: 95 },
  { label: 'Number of visits in the last year', group: 'Number of visits', word: 'visits', low: 0, high: 40 },
  { label: 'Nights spent in hospital', group: 'Nights in hospital', word: 'nights', low: 0, high: 30 },
];
const CATEGORIES: Array<Omit<CategoryVariable, 'type' | 'name'>> = [
  {
    topic: { label: 'Where were you treated?', group: 'Place of treatment', word: 'treated' },
    labels: ['Emergency', 'Outpatient', 'Inpatient', 'Day case'],
    surveyTexts: ['Emergency department (A&E / ER)', 'Outpatient clinic (OPD)', 'Inpatient ward', 'Day surgery unit (DSU)'],
    columnNames: [
      ['ER patients', 'A&E', 'Emergency department'],
      ['OPD patients', 'Outpatient clinic'],
      ['Inpatient ward'],
      ['DSU patients', 'Day surgery unit'],
    ],
  },
  {
    topic: { label: 'How did you travel here today?', group: 'Mode of travel', word: 'travel' },
    labels: ['Car', 'Bus', 'Train', 'Walk'],
    surveyTexts: ['Car or van (driver / passenger)', 'Bus (coach)', 'Train (rail / tube)', 'On foot (walking)'],
    columnNames: [['Car or van'], ['Coach travellers', 'Coach'], ['Rail users', 'Tube'], ['On foot', 'Walking']],
  },
];

/** Word scales, negative end first; `polar` when the words say which end is positive. */
const WORD_SCALES: Record<number, Array<{ words: string[]; polar: boolean }>> = {
  4: [
    { words: ['Very poor', 'Poor', 'Good', 'Very good'], polar: true },
    { words: ['Less often', 'Every month', 'Every week', 'Every day'], polar: false },
  ],
  5: [
    { words: ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'], polar: true },
    { words: ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'], polar: true },
    { words: ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'], polar: true },
    { words: ['Very small', 'Small', 'Medium', 'Large', 'Very large'], polar: false },
  ],
  6: [{ words: ['Terrible', 'Very poor', 'Poor', 'Good', 'Very good', 'Excellent'], polar: true }],
  7: [
    {
      words: ['Extremely dissatisfied', 'Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied', 'Extremely satisfied'],
      polar: true,
    },
  ],
};
const END_WORDS: Array<{ words: [string, string]; polar: boolean }> = [
  { words: ['Not at all likely', 'Extremely likely'], polar: true },
  { words: ['Very poor', 'Excellent'], polar: true },
  { words: ['Strongly disagree', 'Strongly agree'], polar: true },
  { words: ['Very difficult', 'Very easy'], polar: true },
  { words: ['Very small', 'Very large'], polar: false },
];
const NON_ANSWERS = ["Don't know", 'Refused', 'Not asked', 'Prefer not to say', 'Not applicable'];

/**
 * A scale of 4 to 11 points, labelled in one of the ways files do (its positive end first a third of the time), with
 * zero to two non-answer codes (declared missing or not).
 */
export function randomScale(rng: Prng, name: string, topic: Topic): ScaleVariable {
  const n = rng.int(4, 11);
  const start = n === 11 ? 0 : rng.pick([0, 1]);
  const shown = Array.from({ length: n }, (_, i) => start + i);
  const words = WORD_SCALES[n];
  const labelling: Labelling = rng.pick(words ? ['words', 'words', 'numbers', 'ends', 'ends-numbered', 'none'] : ['numbers', 'ends', 'ends-numbered', 'none']);
  const numbered = labelling === 'numbers' || labelling === 'ends-numbered';
  const offset = numbered && start === 0 && rng.chance(0.25) ? 1 : 0;
  const ends = rng.pick(END_WORDS);
  const reversed = rng.chance(1 / 3);
  const chosen =
    labelling === 'words' ? rng.pick(words!) : { words: shown.map((_, i) => (i === 0 ? ends.words[0] : i === n - 1 ? ends.words[1] : '')), polar: ends.polar };
  const scaleWords = reversed ? [...chosen.words].reverse() : chosen.words;
  const positive = labelling === 'none' || !chosen.polar ? null : reversed ? 'low' : 'high';
  const used = new Set(shown.map((s) => s + offset));
  const nonAnswers: ScaleVariable['nonAnswers'] = [];
  for (const label of rng.chance(0.6) ? [rng.pick(NON_ANSWERS), ...(rng.chance(0.3) ? [rng.pick(NON_ANSWERS)] : [])] : []) {
    if (nonAnswers.some((x) => x.label === label)) continue;
    const code = rng.pick([-1, 0, 9, 98, 99].filter((c) => !used.has(c)));
    used.add(code);
    // An unlabelled scale's non-answer code is only known as one when the file declares it missing.
    nonAnswers.push({ code, label, declared: labelling === 'none' || rng.chance(0.4) });
  }
  const kind = labelling === 'none' || ((labelling === 'ends' || labelling === 'ends-numbered') && rng.chance(0.5)) ? 'numeric' : 'single';
  return { type: 'scale', name, topic, shown, offset, labelling, words: scaleWords, positive, nonAnswers, kind };
}

/** A number variable of a topic, with a refusal code half the time. */
export function randomNumber(rng: Prng, name: string, topic: (typeof NUMBER_TOPICS)[number]): NumberVariable {
  const refused = rng.chance(0.5) ? { code: rng.pick([-1, 999]), declared: rng.chance(0.5) } : null;
  return { type: 'number', name, topic, low: topic.low, high: topic.high, refused };
}

/** One of the category questions. */
export function randomCategory(rng: Prng, name: string): CategoryVariable {
  return { type: 'category', name, ...rng.pick(CATEGORIES) };
}

/** The code a scale stores for a number shown to respondents. */
export const codeOf = (v: ScaleVariable, shown: number): number => shown + v.offset;

/** The data-map entry of a generated variable. */
export function toDataMapVariable(v: GeneratedVariable): DataMapVariable {
  const base = { name: v.name, label: v.topic.label, type: 'numeric' as const, answered: 500 };
  if (v.type === 'number') {
    const valueLabels = v.refused ? [{ value: v.refused.code, label: 'Refused' }] : [];
    return { ...base, kind: 'numeric', valueLabels, missingValues: v.refused?.declared ? [v.refused.code] : [] };
  }
  if (v.type === 'category') return { ...base, kind: 'single', valueLabels: v.labels.map((label, i) => ({ value: i + 1, label })), missingValues: [] };
  const last = v.shown.length - 1;
  const pointLabel = (s: number, i: number): string | null => {
    const word = v.words[i] ?? '';
    if (v.labelling === 'words') return word;
    if (v.labelling === 'numbers') return word ? `${s} - ${word}` : String(s);
    if (v.labelling === 'ends-numbered') return i === 0 || i === last ? `${s} ${word}` : null;
    if (v.labelling === 'ends') return i === 0 || i === last ? word : null;
    return null;
  };
  const points = v.shown.flatMap((s, i) => {
    const label = pointLabel(s, i);
    return label === null ? [] : [{ value: codeOf(v, s), label }];
  });
  const nonAnswers = v.labelling === 'none' ? v.nonAnswers.filter((x) => x.declared) : v.nonAnswers;
  return {
    ...base,
    kind: v.kind,
    valueLabels: [...points, ...nonAnswers.map((x) => ({ value: x.code, label: x.label }))],
    missingValues: v.nonAnswers.filter((x) => x.declared).map((x) => x.code),
  };
}
