import { Prng } from '../../scripts/examples/prng';
import type { DatasetSpec, VariableSpec } from '../../scripts/examples/savSpec';
import type { SavDataset, SavVariable } from '@/lib/core/types';
import { casesFromRows } from '@/lib/core/CaseTable';

/**
 * A small survey no bundled example resembles: park visits. Routing is written in words in its questionnaires; the
 * questions a respondent was not asked hold 0 labelled "Not asked", which the file does NOT declare missing; q4 is a
 * 5-point scale, q7 a 5-point agree scale with "Don't know" = 9 (also not declared missing).
 *
 *   q1 visited a park (1 Yes, 2 No)                      asked of all
 *   q2 main reason for not visiting (1-4, 0 Not asked)  asked if q1 = 2
 *   q3 how often (1 Every day … 4 Less often, 0)        asked if q1 = 1
 *   q4 cleanliness satisfaction (1-5, 0 Not asked)      asked if q3 = 1 or 2
 *   q5 own a dog (1 Yes, 2 No)                           asked of all
 *   q6 take the dog to the park (1-3, 0 Not asked)      asked if q5 = 1
 *   q7 feel safe after dark (1-5, 9 Don't know)         asked of all
 */
export const PARK_ROUTING: Record<string, string> = {
  q2: 'q1 = 2',
  q3: 'q1 = 1',
  q4: 'q3 = 1 OR q3 = 2',
  q6: 'q5 = 1',
};

const NOT_ASKED: [number, string] = [0, 'Not asked'];
const YES_NO: Array<[number, string]> = [
  [1, 'Yes'],
  [2, 'No'],
];

function variables(): VariableSpec[] {
  return [
    { name: 'resp', label: 'Respondent number', type: 'numeric', width: 6, level: 'scale' },
    {
      name: 'sex',
      label: 'Sex',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Male'],
        [2, 'Female'],
      ],
      level: 'nominal',
    },
    { name: 'age', label: 'Age in years', type: 'numeric', width: 2, level: 'scale' },
    {
      name: 'reg',
      label: 'Region of residence',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'North'],
        [2, 'South'],
        [3, 'Capital city'],
      ],
      level: 'nominal',
    },
    {
      name: 'hhsize',
      label: 'Household size',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Small (1-2 people)'],
        [2, 'Medium (3-4 people)'],
        [3, 'Large (5 or more)'],
      ],
      level: 'ordinal',
    },
    { name: 'q1', label: 'Visited a park in the past 12 months', type: 'numeric', width: 1, valueLabels: YES_NO, level: 'nominal' },
    {
      name: 'q2',
      label: 'Main reason for not visiting parks',
      type: 'numeric',
      width: 1,
      valueLabels: [NOT_ASKED, [1, 'Too far away'], [2, 'No time'], [3, 'Not interested'], [4, 'Other reason']],
      level: 'nominal',
    },
    {
      name: 'q3',
      label: 'How often do you visit parks',
      type: 'numeric',
      width: 1,
      valueLabels: [NOT_ASKED, [1, 'Every day'], [2, 'Every week'], [3, 'Every month'], [4, 'Less often']],
      level: 'ordinal',
    },
    {
      name: 'q4',
      label: 'Satisfaction with how clean the parks are',
      type: 'numeric',
      width: 1,
      valueLabels: [
        NOT_ASKED,
        [1, 'Very dissatisfied'],
        [2, 'Dissatisfied'],
        [3, 'Neither satisfied nor dissatisfied'],
        [4, 'Satisfied'],
        [5, 'Very satisfied'],
      ],
      level: 'ordinal',
    },
    { name: 'q5', label: 'Do you own a dog?', type: 'numeric', width: 1, valueLabels: YES_NO, level: 'nominal' },
    {
      name: 'q6',
      label: 'How often do you take your dog to the park?',
      type: 'numeric',
      width: 1,
      valueLabels: [NOT_ASKED, [1, 'Always'], [2, 'Sometimes'], [3, 'Never']],
      level: 'ordinal',
    },
    {
      name: 'q7',
      label: 'I feel safe in the park after dark',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Strongly disagree'],
        [2, 'Disagree'],
        [3, 'Neither agree nor disagree'],
        [4, 'Agree'],
        [5, 'Strongly agree'],
        [9, "Don't know"],
      ],
      level: 'ordinal',
    },
  ];
}

function respondent(rng: Prng, index: number): number[] {
  const sex = rng.weighted([1, 2], [48, 52]);
  const age = rng.int(18, 84);
  const reg = rng.weighted([1, 2, 3], [35, 40, 25]);
  const hhsize = rng.weighted([1, 2, 3], [45, 38, 17]);
  const q1 = rng.chance(age < 35 ? 0.75 : 0.6) ? 1 : 2;
  const q2 = q1 === 2 ? rng.weighted([1, 2, 3, 4], [30, 35, 25, 10]) : 0;
  const q3 = q1 === 1 ? rng.weighted([1, 2, 3, 4], [15, 35, 30, 20]) : 0;
  const q4 = q3 === 1 || q3 === 2 ? rng.weighted([1, 2, 3, 4, 5], [6, 12, 22, 38, 22]) : 0;
  const q5 = rng.chance(0.38) ? 1 : 2;
  const q6 = q5 === 1 ? rng.weighted([1, 2, 3], [40, 45, 15]) : 0;
  const q7 = rng.weighted([1, 2, 3, 4, 5, 9], [10, 18, 24, 26, 14, 8]);
  return [1000 + index, sex, age, reg, hhsize, q1, q2, q3, q4, q5, q6, q7];
}

/** The park-visits dataset: 500 unweighted respondents, routing coded 0 "Not asked" (not declared missing). */
export function parkSurveyDataset(seed = 8080, count = 500): DatasetSpec {
  const rng = new Prng(seed);
  return { variables: variables(), rows: Array.from({ length: count }, (_, i) => respondent(rng, i)) };
}

/** The same dataset in memory, as the .sav reader would return it (for tests that need no pspp). */
export function parkSurveyInMemory(spec: DatasetSpec = parkSurveyDataset()): SavDataset {
  const variables: SavVariable[] = spec.variables.map((v) => ({
    name: v.name,
    label: v.label,
    type: v.type,
    missing: { values: [...(v.missing ?? [])] },
    valueLabels: (v.valueLabels ?? []).map(([value, label]) => ({ value, label })),
    ...(v.level ? { measure: v.level } : {}),
  }));
  return { fileName: 'park-visits.sav', variables, cases: casesFromRows(spec.rows, variables.length), weightVariable: null, encoding: 'UTF-8' };
}

/** A PSPP condition of these docs ("q3 = 1 OR q3 = 2", "NOT (q1 = 1)", "age < 35") in the filter language. */
export function psppToFilter(condition: string): string {
  return condition
    .replace(/\bNOT\s*/g, '!')
    .replace(/\s+OR\s+/g, ' | ')
    .replace(/\s+AND\s+/g, ' & ')
    .replace(/(^|[^<>!=])=(?!=)/g, '$1==');
}
