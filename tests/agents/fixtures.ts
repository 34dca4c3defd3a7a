import type { DataMap, DataMapVariable, ModelCallRequest } from './testTypes';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';

type VarSpec = Partial<DataMapVariable> & Pick<DataMapVariable, 'name' | 'label' | 'kind'>;

/** A data-map variable with defaults (numeric, no missing codes, all answered). */
export function variable(spec: VarSpec, rowCount = 800): DataMapVariable {
  return { type: 'numeric', valueLabels: [], missingValues: [], answered: rowCount, ...spec };
}

const labels = (...ls: string[]) => ls.map((label, i) => ({ value: i + 1, label }));
const SAT = labels('Very dissatisfied', 'Somewhat dissatisfied', 'Neither satisfied nor dissatisfied', 'Somewhat satisfied', 'Very satisfied');
const SEL = [
  { value: 0, label: 'Not selected' },
  { value: 1, label: 'Selected' },
];

/** A brand-tracker-like data map built in code. */
export function trackerDataMap(): DataMap {
  const vars: DataMapVariable[] = [
    variable({ name: 'RESPID', label: 'Respondent ID', kind: 'id' }),
    variable({ name: 'S1', label: 'Gender', kind: 'single', valueLabels: labels('Male', 'Female', 'Non-binary') }),
    variable({ name: 'S2', label: 'Age in years', kind: 'numeric' }),
    variable({ name: 'AGEGRP', label: 'Age group', kind: 'single', valueLabels: labels('18-34', '35-54', '55+') }),
    variable({ name: 'REGION', label: 'Region', kind: 'single', valueLabels: labels('North', 'South', 'East', 'West') }),
    variable({
      name: 'Q1',
      label: 'Which brand comes to mind first?',
      kind: 'single',
      valueLabels: labels('Alpha', 'Bravo', 'Cobalt', 'Delta', 'Echo', 'Other'),
    }),
    ...['Alpha', 'Bravo', 'Cobalt'].map((b, i) =>
      variable({ name: `Q2_${i + 1}`, label: `Brands used in the past 3 months: ${b}`, kind: 'multi', group: 'Q2', valueLabels: SEL }),
    ),
    variable({
      name: 'Q3',
      label: 'Overall satisfaction with your main brand',
      kind: 'single',
      valueLabels: [...SAT, { value: 99, label: "Don't know" }],
      missingValues: [99],
      answered: 764,
    }),
    variable({
      name: 'Q4',
      label: 'Main reason for being satisfied',
      kind: 'single',
      valueLabels: labels('Product quality', 'Value for money', 'Customer service'),
      answered: 421,
    }),
    variable({ name: 'Q5', label: 'Likelihood to recommend (0-10)', kind: 'numeric' }),
    variable({ name: 'Q6', label: 'Have you contacted customer service in the past year?', kind: 'single', valueLabels: labels('Yes', 'No') }),
    variable({ name: 'Q7', label: 'Satisfaction with customer service', kind: 'single', valueLabels: SAT, answered: 282 }),
    ...['Phone', 'Email'].map((c, i) =>
      variable({ name: `Q8_${i + 1}`, label: `Channels used to contact: ${c}`, kind: 'multi', group: 'Q8', valueLabels: SEL, answered: 282 }),
    ),
    ...[800, 378, 140].map((answered, i) =>
      variable({
        name: `Q10_L${i + 1}`,
        label: `Rating of store visit ${i + 1}`,
        kind: 'single',
        valueLabels: labels('Very poor', 'Poor', 'Fair', 'Good', 'Excellent'),
        loop: { id: 'L', iteration: i + 1 },
        answered,
      }),
    ),
  ];
  const questions = vars.filter((v) => v.kind !== 'id' && !v.group).map((v) => ({ id: v.name, label: v.label, kind: v.kind, variables: [v.name] }));
  questions.push({ id: 'Q2', label: 'Brands used in the past 3 months', kind: 'multi', variables: ['Q2_1', 'Q2_2', 'Q2_3'] });
  questions.push({ id: 'Q8', label: 'Channels used to contact', kind: 'multi', variables: ['Q8_1', 'Q8_2'] });
  return { variables: vars, questions, weightVariable: null, rowCount: 800, loops: ['L'] };
}

/** An employee-survey-like data map (no banner plan) built in code. */
export function pulseDataMap(): DataMap {
  const agree = [...labels('Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'), { value: 9, label: 'Prefer not to say' }];
  const vars: DataMapVariable[] = [
    variable({ name: 'EMPID', label: 'Employee ID', kind: 'id' }, 500),
    variable({ name: 'DEPT', label: 'Department', kind: 'single', valueLabels: labels('Sales', 'Engineering', 'Operations') }, 500),
    variable({ name: 'TENURE', label: 'Length of service', kind: 'single', valueLabels: labels('<1 year', '1-4 years', '5+ years') }, 500),
    variable({ name: 'ROLE', label: 'Role level', kind: 'single', valueLabels: labels('Individual contributor', 'Manager') }, 500),
    variable({ name: 'SITE', label: 'Site', kind: 'single', valueLabels: labels('Head office', 'Plant', 'Remote'), answered: 300 }, 500),
    variable({ name: 'TEAMSIZE', label: 'Team size', kind: 'single', valueLabels: labels('1-5', '6-10', '11+') }, 500),
    variable({ name: 'E1', label: 'I am proud to work for this company', kind: 'single', valueLabels: agree, missingValues: [9], answered: 483 }, 500),
    variable({ name: 'ENPS', label: 'How likely are you to recommend working here (0-10)', kind: 'numeric' }, 500),
  ];
  const questions = vars.filter((v) => v.kind !== 'id').map((v) => ({ id: v.name, label: v.label, kind: v.kind, variables: [v.name] }));
  return { variables: vars, questions, weightVariable: null, rowCount: 500, loops: [] };
}

/** A provider that runs the local model and records each request; optional delay to observe concurrency. */
export class RecordingProvider {
  readonly name = 'local';
  readonly model = 'local-rules-v1';
  readonly requests: Array<ModelCallRequest<unknown>> = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly inner = new LocalModelProvider();

  constructor(private readonly delayMs = 0) {}

  async generate<T>(req: ModelCallRequest<T>) {
    this.requests.push(req as ModelCallRequest<unknown>);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      return await this.inner.generate(req);
    } finally {
      this.inFlight--;
    }
  }
}
