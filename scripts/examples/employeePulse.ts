import { Prng, toScale } from './prng';
import type { DatasetSpec, VariableSpec } from './savSpec';

const DEPARTMENTS = ['Sales', 'Engineering', 'Operations', 'Finance', 'People & Culture'] as const;
const STATEMENTS = [
  'I am proud to work for this company',
  'I would recommend this company as a great place to work',
  'My manager gives me useful feedback',
  'I have the tools I need to do my job well',
  'I see a clear path for my career here',
  'My workload is manageable',
  'Senior leaders communicate openly',
  'I feel my work is recognised',
] as const;
const BENEFITS = ['Flexible hours', 'Health cover', 'Pension contributions', 'Training budget', 'Wellbeing days'] as const;
const AGREEMENT: Array<[number, string]> = [
  [1, 'Strongly disagree'],
  [2, 'Disagree'],
  [3, 'Neither agree nor disagree'],
  [4, 'Agree'],
  [5, 'Strongly agree'],
  [9, 'Prefer not to say'],
];
/** Engagement offset per department, so departments differ in the tables. */
const DEPARTMENT_MOOD = [0.2, 0.35, -0.35, 0.05, 0.15];
/** How far each statement's average sits from the employee's overall engagement. */
const STATEMENT_SHIFT = [0.4, 0.2, 0.1, 0, -0.6, -0.4, -0.5, -0.3];
const COMMENTS = [
  'More flexibility on office days please',
  'Great team, but too many meetings',
  'Pay review process is unclear',
  'Training budget has been really helpful',
  'Communication from leadership could improve',
  'The new tools have made things easier',
];

function variables(): VariableSpec[] {
  const v: VariableSpec[] = [
    { name: 'EMPID', label: 'Employee ID', type: 'numeric', width: 6, level: 'scale' },
    {
      name: 'DEPT',
      label: 'Department',
      type: 'numeric',
      width: 1,
      valueLabels: DEPARTMENTS.map((d, i) => [i + 1, d]),
      level: 'nominal',
    },
    {
      name: 'TENURE',
      label: 'Length of service',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, '<1 year'],
        [2, '1-4 years'],
        [3, '5-9 years'],
        [4, '10+ years'],
      ],
      level: 'ordinal',
    },
    {
      name: 'ROLE',
      label: 'Role level',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Individual contributor'],
        [2, 'Manager'],
        [3, 'Senior leader'],
      ],
      level: 'ordinal',
    },
    {
      name: 'SITE',
      label: 'Site',
      type: 'numeric',
      width: 1,
      valueLabels: [
        [1, 'Head office'],
        [2, 'Northfield plant'],
        [3, 'Remote'],
      ],
      level: 'nominal',
    },
  ];
  STATEMENTS.forEach((s, i) =>
    v.push({ name: `E${i + 1}`, label: s, type: 'numeric', width: 1, valueLabels: AGREEMENT, missing: [9], level: 'ordinal' }),
  );
  BENEFITS.forEach((b, i) =>
    v.push({
      name: `E9_${i + 1}`,
      label: `Benefits you value: ${b}`,
      type: 'numeric',
      width: 1,
      valueLabels: [
        [0, 'Not selected'],
        [1, 'Selected'],
      ],
      level: 'nominal',
    }),
  );
  v.push(
    { name: 'ENPS', label: 'How likely are you to recommend working here (0-10)', type: 'numeric', width: 2, level: 'scale' },
    { name: 'COMMENT', label: 'What one thing would make this a better place to work?', type: 'string', width: 100 },
  );
  return v;
}

function employee(rng: Prng, index: number): Array<number | string | null> {
  const dept = rng.weighted([1, 2, 3, 4, 5], [25, 30, 25, 12, 8]);
  const tenure = rng.weighted([1, 2, 3, 4], [15, 40, 28, 17]);
  const role = rng.weighted([1, 2, 3], [72, 22, 6]);
  const site = rng.weighted([1, 2, 3], [45, 30, 25]);
  const engagement = 3.4 + DEPARTMENT_MOOD[dept - 1]! + (role - 1) * 0.25 + rng.normal(0, 0.7);
  const agreement = STATEMENT_SHIFT.map((shift) =>
    rng.chance(0.03) ? 9 : toScale(engagement + shift + rng.normal(0, 0.6), 1, 5),
  );
  const benefits = BENEFITS.map((_, i) => (rng.chance([0.6, 0.5, 0.35, 0.3, 0.4][i]! + (i === 3 && tenure === 1 ? 0.2 : 0)) ? 1 : 0));
  const enps = toScale(2.2 * engagement - 1 + rng.normal(0, 1.3), 0, 10);
  const comment = rng.chance(0.45) ? rng.pick(COMMENTS) : '';
  return [5001 + index, dept, tenure, role, site, ...agreement, ...benefits, enps, comment];
}

/** The employee-pulse dataset: 500 unweighted employees, agreement grid, benefits multi-response, eNPS. */
export function employeePulseDataset(seed = 77031, count = 500): DatasetSpec {
  const rng = new Prng(seed);
  return { variables: variables(), rows: Array.from({ length: count }, (_, i) => employee(rng, i)) };
}
