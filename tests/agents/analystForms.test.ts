import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBannerAgent, runCrosstabAgent, runFilterTranslatorAgent } from '@/agents';
import { compileFilter } from '@/lib/filters';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { readSavFile } from '@/lib/sav';
import type { DataMap, SavDataset } from '@/lib/core/types';
import { parkSurveyInMemory, psppToFilter } from '../support/parkSurvey';
import { PATIENT_SURVEY, patientSurveyDataset } from './patientSurvey';
import { trackerDataMap } from './fixtures';

/** Columns as analysts write them (under their group), beyond the generated forms, and what each selects (PSPP syntax); null: left out. */
const COLUMNS: Array<[string, string, string | null]> = [
  ['Likelihood to recommend', 'NPS promoters (scored 9 or 10)', 'q2 = 9 OR q2 = 10'],
  ['Likelihood to recommend', 'Rated 0-6', 'q2 >= 0 AND q2 <= 6'],
  ['Likelihood to recommend', '9/10', 'q2 = 9 OR q2 = 10'],
  ['Likelihood to recommend', "Don't know (99)", 'q2 = 99'],
  ['Likelihood to recommend', 'Top box (10)', 'q2 = 10'],
  // "Bottom 3 box": its 3 counts answers; it is no code.
  ['Likelihood to recommend', 'Bottom 3 box (0-2)', 'q2 >= 0 AND q2 <= 2'],
  ['Treated with respect', 'Top 2 box (4-5)', 'q3 = 4 OR q3 = 5'],
  ['Treated with respect', 'Agree or strongly agree', 'q3 = 4 OR q3 = 5'],
  ['Treated with respect', 'Any agreement (3-5)', 'q3 >= 3 AND q3 <= 5'],
  ['Age', 'Aged 65+', 'age >= 65 AND NOT (age = 999)'],
  ['Age', 'Over 75', 'age > 75 AND NOT (age = 999)'],
  ['Age', '18–34 year olds', 'age >= 18 AND age <= 34'],
  ['Age', 'Under-35s', null],
  ['Where treated', 'ER', 'q1 = 1'],
  ['Where treated', 'Outpatient clinic', 'q1 = 2'],
  ['Where treated', 'Not ER', null],
  // No group label or word says what the numbers are about: the recommend scale and age could both hold them.
  ['Patients', 'Rated 0-6', null],
];

/** Routing as analysts write it, and the base each states (PSPP syntax); null: left out. */
const RULES: Array<[string, string | null]> = [
  ['Asked of those who gave 6 or less at Q2', 'q2 >= 0 AND q2 <= 6'],
  ['Ask those who rated 7+ at Q2', 'q2 >= 7 AND q2 <= 10'],
  ['Only those who scored the hospital 9 or 10 (Q2)', 'q2 = 9 OR q2 = 10'],
  ['If Q3 = Agree or Strongly agree', 'q3 = 4 OR q3 = 5'],
  ['Those aged 65 and over', 'age >= 65 AND NOT (age = 999)'],
  ['Those who answered Disagree or Strongly disagree to Q3', 'q3 = 1 OR q3 = 2'],
  // A "Don't know" is not "7 or higher": those who said it were not skipped.
  ['Skip to Q5 if Q2 is 7 or higher', 'q2 < 7 OR q2 = 99'],
  // The words add a second question the condition leaves out.
  ['Ask those treated in the emergency department (Q1 = 1) who would recommend us', null],
];

describe('a plan and routing in an analyst\u2019s words on the patient survey: right, or left out with a warning', () => {
  const dataset: SavDataset = parkSurveyInMemory(patientSurveyDataset());
  let dataMap: DataMap;
  const selected = (expression: string) => {
    const predicate = compileFilter(expression, dataset.variables);
    return Array.from({ length: dataset.cases.count }, (_, i) => i).filter((i) => predicate(dataset.cases, i));
  };
  beforeAll(() => {
    setModelProvider(new LocalModelProvider());
    dataMap = buildDataMap(dataset);
  });
  afterAll(() => resetModelProvider());

  it('banner columns', async () => {
    const groups = [...new Set(COLUMNS.map(([group]) => group))];
    const plan = groups
      .map(
        (g) =>
          `## ${g}\n${COLUMNS.filter(([group]) => group === g)
            .map(([, text]) => `- ${text}`)
            .join('\n')}\n`,
      )
      .join('\n');
    const { banner, warnings } = await runCrosstabAgent(await runBannerAgent(plan, dataMap), dataMap, { surveyText: PATIENT_SURVEY });
    for (const [group, text, pspp] of COLUMNS) {
      const column = banner.groups.find((g) => g.label === group)?.columns.find((c) => c.source === text);
      if (pspp === null) {
        expect(column, text).toBeUndefined();
        expect(
          warnings.some((w) => w.includes(`"${text}" (group "${group}")`)),
          `a warning names "${text}"`,
        ).toBe(true);
      } else {
        expect(column, `${text} kept`).toBeDefined();
        expect(selected(column!.expression), `${text}: ${column!.expression}`).toEqual(selected(psppToFilter(pspp)));
      }
    }
  });

  it('routing rules', async () => {
    const rules = await runFilterTranslatorAgent(
      RULES.map(([conditionText], i) => ({ id: `R${i}`, appliesTo: ['q4'], conditionText })),
      dataMap,
    );
    RULES.forEach(([text, pspp], i) => {
      const rule = rules[i]!;
      if (pspp === null) expect(rule.expression, text).toBeUndefined();
      else expect(selected(rule.expression ?? 'FALSE_'), `${text}: ${rule.expression} (${rule.reason ?? ''})`).toEqual(selected(psppToFilter(pspp)));
    });
  });
});

/** A column: its group, its words, and the expression it must get (null: left out with a warning naming it). */
type ColumnCase = [string, string, string | null];

/** Maps a plan made of the cases' groups and columns and checks each column's expression (or its warning). */
async function expectColumns(dataMap: DataMap, cases: readonly ColumnCase[]): Promise<void> {
  const groups = [...new Set(cases.map(([group]) => group))];
  const lines = (g: string) => cases.filter(([group]) => group === g).map(([, text]) => `- ${text}`);
  const plan = groups.map((g) => [`## ${g}`, ...lines(g), ''].join('\n')).join('\n');
  const { banner, warnings } = await runCrosstabAgent(await runBannerAgent(plan, dataMap), dataMap);
  for (const [group, text, expression] of cases) {
    const column = banner.groups.find((g) => g.label === group)?.columns.find((c) => c.source === text);
    expect(column?.expression ?? null, text).toBe(expression);
    const warned = warnings.some((w) => w.includes(`"${text}" (group "${group}")`));
    if (expression === null) expect(warned, `a warning names "${text}"`).toBe(true);
  }
}

/** Columns of a brand tracker whose numbers or labels could belong to another question. */
const TRACKER_COLUMNS: ColumnCase[] = [
  ['Satisfaction with main brand', 'Top 2 box', 'Q3 in (4, 5)'],
  ['Satisfaction with main brand', 'Neutral (3)', 'Q3 == 3'],
  ['Likelihood to recommend', 'Promoters (9-10)', 'Q5 >= 9 & Q5 <= 10'],
  // "under 35" is no code of gender, and "Male" is no age: a column on two questions is not read as one.
  ['Age', 'Men under 35', null],
  ['Age', 'Women aged 18-34', null],
  // "3" is part of the question's own words ("in the past 3 months"), not a brand's code.
  ['Brands', 'Used Alpha in the past 3 months', 'Q2_1 == 1'],
  ['Brands', 'Alpha or Bravo', 'Q1 in (1, 2)'],
];

/** Columns on the employee-pulse example: range labels with a unit, and a word of one label beside another label. */
const PULSE_COLUMNS: ColumnCase[] = [
  ['Tenure', '1-4 years', 'TENURE == 2'],
  ['Tenure', '5+ years', 'TENURE in (3, 4)'],
  ['Tenure', 'Less than 5 years', 'TENURE in (1, 2)'],
  ['Site', 'Remote workers', 'SITE == 3'],
  // "office" is a word of "Head office" alone: the column names two sites, not "Remote".
  ['Site', 'Office or remote', null],
  ['eNPS', 'Detractors (0-6)', 'ENPS >= 0 & ENPS <= 6'],
];

/** Columns on the commuter-survey example: open ends on age bands, a box, lists in a definition, a category set. */
const COMMUTER_COLUMNS: ColumnCase[] = [
  ['Satisfaction', 'Top 2 box', 'satisfied in (4, 5)'],
  ['Main mode', 'Active travel (bicycle or walking)', 'main_mode in (4, 5)'],
  // The youngest band is 18-34: "under 35" is that band; "35+" the two above it.
  ['Age', 'Under 35', 'agegrp == 1'],
  ['Age', '35+', 'agegrp in (2, 3)'],
  ['Journey time', 'An hour or more (60+)', 'minutes >= 60'],
  ['Reasons', 'Speed or reliability', 'reason1 in (2, 3) | reason2 in (2, 3) | reason3 in (2, 3)'],
];

const example = async (name: string) => buildDataMap(await readSavFile(path.resolve(__dirname, `../../examples/${name}/${name}.sav`)));

describe('plans in other words on the brand tracker and the bundled examples', () => {
  beforeAll(() => setModelProvider(new LocalModelProvider()));
  afterAll(() => resetModelProvider());

  it('brand tracker: each column mapped to its own question, or left out with a warning', () => expectColumns(trackerDataMap(), TRACKER_COLUMNS));
  it('employee pulse: each column right or left out with a warning', async () => expectColumns(await example('employee-pulse'), PULSE_COLUMNS));
  it('commuter survey: each column right or left out with a warning', async () => expectColumns(await example('commuter-survey'), COMMUTER_COLUMNS));
});
