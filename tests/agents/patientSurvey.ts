import { Prng } from '../../scripts/examples/prng';
import type { DatasetSpec, VariableSpec } from '../../scripts/examples/savSpec';

/**
 * A hospital patient-experience survey no other test resembles, weighted, with a 0-10 recommend scale whose ends alone
 * carry words ("0 Not at all likely", "10 Extremely likely") and a "Don't know" 99 not declared missing, an agreement
 * scale with "Don't know" 9, an age with a "Refused" 999 not declared missing, and two routed questions:
 *
 *   q1 where treated (1 Emergency … 4 Day case)           asked of all; the questionnaire words the answers differently
 *   q2 likelihood to recommend (0-10, 99 Don't know)       asked of all
 *   q3 treated with respect (1-5 agree, 9 Don't know)      asked of all
 *   q4 reason for not a higher score (1-4, 0 Not asked)    asked if q2 is 0-6
 *   q5 satisfaction with the waiting time (1-5, blank)     asked if q1 = 1
 */
export const PATIENT_ROUTING: Record<string, string> = { q4: 'q2 >= 0 AND q2 <= 6', q5: 'q1 = 1' };

/** The banner plan, in an analyst's words, and the PSPP condition each column must select. */
export const PATIENT_BANNER = {
  text: `# Banner plan: patient experience

## Likelihood to recommend (NPS)
- Promoters (9-10)
- Passives (7–8)
- Detractors (0-6)

## Treated with respect
- Agree (4-5)
- Disagree (1–2)

## Age
- Under 35
- 35 to 64
- 65 and over

## Where treated
- ER patients
- Outpatients (OPD)
- Inpatient ward
- Day surgery unit
`,
  columns: [
    { label: 'Promoters (9-10)', pspp: 'q2 >= 9 AND q2 <= 10' },
    { label: 'Passives (7–8)', pspp: 'q2 = 7 OR q2 = 8' },
    { label: 'Detractors (0-6)', pspp: 'q2 >= 0 AND q2 <= 6' },
    { label: 'Agree (4-5)', pspp: 'q3 = 4 OR q3 = 5' },
    { label: 'Disagree (1–2)', pspp: 'q3 = 1 OR q3 = 2' },
    { label: 'Under 35', pspp: 'age < 35' },
    { label: '35 to 64', pspp: 'age >= 35 AND age <= 64' },
    { label: '65 and over', pspp: 'age >= 65 AND age <> 999' },
    { label: 'ER patients', pspp: 'q1 = 1' },
    { label: 'Outpatients (OPD)', pspp: 'q1 = 2' },
    { label: 'Inpatient ward', pspp: 'q1 = 3' },
    { label: 'Day surgery unit', pspp: 'q1 = 4' },
  ],
};

/** The questionnaire: answers worded unlike the value labels, routing stated as an answer at a named question. */
export const PATIENT_SURVEY = `# Patient experience survey

Q1. Where were you treated?
1. Emergency department (A&E / ER)
2. Outpatient clinic (OPD)
3. Inpatient ward
4. Day surgery unit

Q2. How likely are you to recommend this hospital to a friend or relative?
0. Not at all likely
10. Extremely likely
99. Don't know

Q3. The staff treated me with respect.
1. Strongly disagree
2. Disagree
3. Neither agree nor disagree
4. Agree
5. Strongly agree
9. Don't know

Q4. What is the main reason you did not give a higher score?
Asked of those who rated 6 or lower at Q2.
1. Waiting time
2. Staff attitude
3. Cleanliness
4. Other reason

Q5. How satisfied were you with the waiting time?
Only people who said Emergency at Q1.
1. Very dissatisfied
2. Dissatisfied
3. Neither satisfied nor dissatisfied
4. Satisfied
5. Very satisfied
`;

const AGREE: Array<[number, string]> = [
  [1, 'Strongly disagree'],
  [2, 'Disagree'],
  [3, 'Neither agree nor disagree'],
  [4, 'Agree'],
  [5, 'Strongly agree'],
  [9, "Don't know"],
];

function variables(): VariableSpec[] {
  return [
    { name: 'resp', label: 'Respondent number', type: 'numeric', width: 6, level: 'scale' },
    { name: 'age', label: 'Age in years', type: 'numeric', width: 3, valueLabels: [[999, 'Refused']], level: 'scale' },
    {
      name: 'q1',
      label: 'Where were you treated?',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Emergency'],
        [2, 'Outpatient'],
        [3, 'Inpatient'],
        [4, 'Day case'],
      ],
      level: 'nominal',
    },
    {
      name: 'q2',
      label: 'How likely are you to recommend this hospital to a friend or relative?',
      type: 'numeric',
      width: 2,
      valueLabels: [
        [0, '0 Not at all likely'],
        [10, '10 Extremely likely'],
        [99, "Don't know"],
      ],
      level: 'ordinal',
    },
    { name: 'q3', label: 'The staff treated me with respect', type: 'numeric', width: 1, valueLabels: AGREE, level: 'ordinal' },
    {
      name: 'q4',
      label: 'Main reason for not giving a higher score',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [0, 'Not asked'],
        [1, 'Waiting time'],
        [2, 'Staff attitude'],
        [3, 'Cleanliness'],
        [4, 'Other reason'],
      ],
      level: 'nominal',
    },
    {
      name: 'q5',
      label: 'Satisfaction with the waiting time',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Very dissatisfied'],
        [2, 'Dissatisfied'],
        [3, 'Neither satisfied nor dissatisfied'],
        [4, 'Satisfied'],
        [5, 'Very satisfied'],
      ],
      level: 'ordinal',
    },
    { name: 'wt', label: 'Weight', type: 'numeric', width: 8, decimals: 2, level: 'scale' },
  ];
}

function respondent(rng: Prng, index: number): Array<number | null> {
  const age = rng.chance(0.04) ? 999 : rng.int(18, 92);
  const q1 = rng.weighted([1, 2, 3, 4], [30, 40, 20, 10]);
  const q2 = rng.chance(0.06) ? 99 : rng.weighted([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [3, 2, 3, 4, 5, 7, 8, 14, 18, 17, 19]);
  const q3 = rng.weighted([1, 2, 3, 4, 5, 9], [5, 9, 16, 33, 30, 7]);
  const q4 = q2 <= 6 ? rng.weighted([1, 2, 3, 4], [40, 25, 15, 20]) : 0;
  const q5 = q1 === 1 ? rng.weighted([1, 2, 3, 4, 5], [15, 22, 25, 24, 14]) : null;
  const wt = rng.int(2, 8) / 4;
  return [3000 + index, age, q1, q2, q3, q4, q5, wt];
}

/** The patient survey: 600 respondents, weighted by wt (multiples of 0.25, so PSPP's two-decimal counts are exact). */
export function patientSurveyDataset(seed = 4242, count = 600): DatasetSpec {
  const rng = new Prng(seed);
  return { variables: variables(), rows: Array.from({ length: count }, (_, i) => respondent(rng, i)), weight: 'wt' };
}
