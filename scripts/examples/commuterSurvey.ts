import { Prng, toScale } from './prng';
import type { DatasetSpec, SetSpec, VariableSpec } from './savSpec';

const MODES = ['Car', 'Bus', 'Train', 'Bicycle', 'Walking'] as const;
const MODE_NAMES = ['uses_car', 'uses_bus', 'uses_train', 'uses_bike', 'uses_walk'] as const;
/** Chance of using each mode, by area (city centre, suburbs, town or village). */
const MODE_USE = [
  [0.3, 0.55, 0.45, 0.35, 0.6],
  [0.6, 0.4, 0.35, 0.25, 0.25],
  [0.85, 0.2, 0.15, 0.15, 0.2],
];
const REASONS: Array<[number, string]> = [
  [1, 'Cost'],
  [2, 'Speed'],
  [3, 'Reliability'],
  [4, 'Comfort'],
  [5, 'Better for the environment'],
  [6, 'Health and fitness'],
  [99, "Can't say"],
];
const WANTS = ['More frequent trains', 'Safer cycle lanes', 'Cheaper fares', 'More parking'] as const;
const WANT_NAMES = ['want_a', 'want_b', 'want_c', 'want_d'] as const;
/** Cell weights by gender (man, woman, another way) and age group: two decimals, none of them whole. */
const WEIGHTS = [
  [1.37, 1.08, 0.83],
  [1.21, 0.94, 0.71],
  [1.15, 1.15, 1.15],
];

function variables(): VariableSpec[] {
  const yesNo: Array<[number, string]> = [
    [0, 'No'],
    [1, 'Yes'],
    [9, 'No answer'],
  ];
  const v: VariableSpec[] = [
    { name: 'resp', label: 'Respondent number', type: 'numeric', width: 6, level: 'scale' },
    {
      name: 'gender',
      label: 'Gender',
      type: 'numeric',
      width: 1,
      valueLabels: [[1, 'Man'], [2, 'Woman'], [3, 'Another way'], [9, 'Prefer not to say']],
      missing: [9],
      level: 'nominal',
    },
    { name: 'agegrp', label: 'Age group', type: 'numeric', width: 1, valueLabels: [[1, '18-34'], [2, '35-54'], [3, '55 or over']], level: 'ordinal' },
    {
      name: 'area',
      label: 'Where do you live?',
      type: 'numeric',
      width: 1,
      valueLabels: [[1, 'City centre'], [2, 'Suburbs'], [3, 'Town or village']],
      level: 'nominal',
    },
    ...MODES.map((mode, i): VariableSpec => ({
      name: MODE_NAMES[i]!,
      label: mode,
      type: 'numeric',
      width: 1,
      valueLabels: yesNo,
      missing: [9],
      level: 'nominal',
    })),
    {
      name: 'main_mode',
      label: 'Main way of getting to work',
      type: 'numeric',
      width: 1,
      valueLabels: MODES.map((m, i) => [i + 1, m]),
      level: 'nominal',
    },
    ...['first', 'second', 'third'].map((nth, i): VariableSpec => ({
      name: `reason${i + 1}`,
      label: `Reason for main way to work (${nth} given)`,
      type: 'numeric',
      width: 2,
      valueLabels: REASONS,
      missing: [99],
      level: 'nominal',
    })),
    ...WANTS.map((want, i): VariableSpec => ({
      name: WANT_NAMES[i]!,
      label: `Improvement ${String.fromCharCode(65 + i)}`,
      type: 'numeric',
      width: 1,
      valueLabels: [[1, 'Not mentioned'], [2, want]],
      level: 'nominal',
    })),
    {
      name: 'satisfied',
      label: 'How satisfied are you with your journey to work?',
      type: 'numeric',
      width: 1,
      valueLabels: [[1, 'Very dissatisfied'], [2, 'Dissatisfied'], [3, 'Neither'], [4, 'Satisfied'], [5, 'Very satisfied']],
      level: 'ordinal',
    },
    { name: 'minutes', label: 'Door-to-door journey time (minutes)', type: 'numeric', width: 3, level: 'scale' },
    { name: 'wgt', label: 'Weight', type: 'numeric', width: 5, decimals: 2, level: 'scale' },
  ];
  return v;
}

const SETS: SetSpec[] = [
  { kind: 'dichotomy', name: '$modes', label: 'Ways of getting to work in the past month', variables: [...MODE_NAMES], value: 1 },
  { kind: 'category', name: '$reasons', label: 'Reasons for choosing the main way to work', variables: ['reason1', 'reason2', 'reason3'] },
  { kind: 'dichotomy', name: '$wants', label: 'Improvements wanted', variables: [...WANT_NAMES], value: 2, categoryLabels: 'countedvalues' },
];

function respondent(rng: Prng, index: number): Array<number | string | null> {
  const resp = 240_000 + index * 17 + rng.int(0, 16);
  const gender = rng.chance(0.03) ? 9 : rng.weighted([1, 2, 3], [47, 50, 3]);
  const age = rng.weighted([1, 2, 3], [24, 40, 36]);
  const area = rng.weighted([1, 2, 3], [30, 42, 28]);
  const skipped = rng.chance(0.04);
  let modes: number[] = MODE_USE[area - 1]!.map((p) => (rng.chance(p) ? 1 : 0));
  if (!modes.includes(1)) modes[area === 3 ? 0 : 4] = 1;
  if (skipped) modes = modes.map(() => 9);
  const used = modes.flatMap((m, i) => (m === 1 ? [i + 1] : []));
  const mainMode = used.length > 0 ? rng.pick(used) : rng.int(1, 5);
  const reasonCount = rng.weighted([0, 1, 2, 3], [6, 34, 38, 22]);
  const pool = [1, 2, 3, 4, 5, 6];
  const reasons: Array<number | null> = [null, null, null];
  for (let k = 0; k < reasonCount; k++) {
    const taken = pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
    reasons[k] = k === 0 && rng.chance(0.04) ? 99 : taken;
  }
  const wants = WANTS.map((_, i) => (rng.chance([0.35, 0.3, 0.45, 0.2][i]! + (i === 3 && modes[0] === 1 ? 0.2 : 0)) ? 2 : 1));
  const minutes = Math.max(5, Math.round(rng.normal(area === 3 ? 38 : 28, 12)));
  const satisfied = toScale(3.4 - (minutes - 30) / 20 + (mainMode >= 4 ? 0.6 : 0) + rng.normal(0, 0.8), 1, 5);
  const weight = WEIGHTS[gender === 9 ? 2 : gender - 1]![age - 1]!;
  return [resp, gender, age, area, ...modes, mainMode, ...reasons, ...wants, satisfied, minutes, weight];
}

/** The commuter-survey dataset: 600 weighted respondents, with multiple-response sets declared in the dictionary. */
export function commuterSurveyDataset(seed = 50417, count = 600): DatasetSpec {
  const rng = new Prng(seed);
  return {
    variables: variables(),
    rows: Array.from({ length: count }, (_, i) => respondent(rng, i)),
    weight: 'wgt',
    multiResponseSets: SETS,
  };
}

/** The banner plan of the commuter survey, in plain words. */
export const COMMUTER_SURVEY_BANNER = `# Banner plan: commuter survey

## Gender
- Men
- Women

## Age
- 18 to 34
- 35 to 54
- 55 or over

## Where they live
- City centre
- Suburbs
- Town or village
`;
