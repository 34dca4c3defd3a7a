import { afterEach, describe, expect, it } from 'vitest';
import { runCrosstabAgent, runFilterTranslatorAgent } from '@/agents';
import { compileFilter } from '@/lib/filters';
import { singleCase } from '@/lib/core/CaseTable';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { ModelCallRequest, ModelProvider } from '@/lib/llm/types';
import type { Banner, DataMap, DataMapVariable, SavVariable } from '@/lib/core/types';
import { variable } from './fixtures';

const labels = (...ls: string[]) => ls.map((label, i) => ({ value: i + 1, label }));
/** Best answer first (1 Excellent … 5 Poor), "Don't know" 9 not declared missing. */
const Q8 = variable({
  name: 'Q8',
  label: 'Rating of staff friendliness',
  kind: 'single',
  valueLabels: [...labels('Excellent', 'Very good', 'Good', 'Fair', 'Poor'), { value: 9, label: "Don't know" }],
});
/** Worst answer first, "Refused" 8 declared missing. */
const Q2 = variable({
  name: 'Q2',
  label: 'Overall satisfaction with the stay',
  kind: 'single',
  valueLabels: [
    ...labels('Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'),
    { value: 8, label: 'Refused' },
  ],
  missingValues: [8],
});
/** Its words do not say which end is better. */
const Q1 = variable({
  name: 'Q1',
  label: 'How often do you travel for work?',
  kind: 'single',
  valueLabels: labels('Every week', 'Every month', 'Every year', 'Less often'),
});
/** 0-10, labelled at its ends. */
const Q3 = variable({
  name: 'Q3',
  label: 'Likelihood to recommend the hotel',
  kind: 'single',
  valueLabels: [
    { value: 0, label: '0 Not at all likely' },
    { value: 10, label: '10 Extremely likely' },
  ],
});
/** A number with no labels: nothing says whether a high one is better. */
const Q9 = variable({ name: 'Q9', label: 'Breakfast rating from 1 to 10', kind: 'numeric' });
const VARIABLES: DataMapVariable[] = [Q8, Q2, Q1, Q3, Q9];
const dataMap: DataMap = {
  variables: VARIABLES,
  questions: VARIABLES.map((v) => ({ id: v.name, label: v.label, kind: v.kind, variables: [v.name] })),
  weightVariable: null,
  rowCount: 800,
  loops: [],
};
const dictionary: SavVariable[] = VARIABLES.map((v) => ({
  name: v.name,
  label: v.label,
  type: v.type,
  missing: { values: [...v.missingValues] },
  valueLabels: v.valueLabels,
}));

const range = (low: number, high: number) => Array.from({ length: high - low + 1 }, (_, i) => low + i);
/** The values a respondent can hold: the codes of the labelled scales, any number for Q9. */
const VALUES: Record<string, number[]> = { Q8: [1, 2, 3, 4, 5, 9], Q2: [1, 2, 3, 4, 5, 8], Q1: [1, 2, 3, 4], Q3: range(0, 10), Q9: [...range(-1, 12), 98, 99] };

/** The values of `name` a respondent holding only that value is selected by. */
function selected(expression: string, name: string): number[] {
  const predicate = compileFilter(expression, dictionary);
  const at = dictionary.findIndex((v) => v.name === name);
  return VALUES[name]!.filter((x) => predicate(singleCase(dictionary.map((_, i) => (i === at ? x : null))), 0));
}

/** Maps columns (group, words) with whatever model is set; each column's selected values on `variable`, or null and its warning. */
async function mapColumns(columns: ReadonlyArray<[string, string]>, variableOf: (group: string) => string) {
  const groups = [...new Set(columns.map(([g]) => g))];
  const banner: Banner = {
    origin: 'plan',
    groups: groups.map((g, k) => ({
      id: `g${k}`,
      label: g,
      columns: columns
        .filter(([group]) => group === g)
        .map(([, text]) => ({ id: `c${columns.findIndex(([, t]) => t === text)}`, label: text, source: text, expression: '', confidence: 0 })),
    })),
  };
  const { banner: mapped, warnings } = await runCrosstabAgent(banner, dataMap);
  return columns.map(([group, text]) => {
    const column = mapped.groups.find((g) => g.label === group)?.columns.find((c) => c.label === text);
    const warning = warnings.find((w) => w.startsWith(`Banner column "${text}"`)) ?? null;
    return { text, codes: column ? selected(column.expression, variableOf(group)) : null, warning };
  });
}

/** A model that maps each column to a scripted expression and calls it exact. */
class ScriptedProvider implements ModelProvider {
  readonly name = 'scripted';
  readonly model = 'gpt-4o-mini';
  constructor(private readonly byText: Record<string, string>) {}
  async generate<T>(req: ModelCallRequest<T>) {
    const columns = (req.input as { columns: Array<{ id: string; source: string }> }).columns;
    const object = {
      columns: columns.map((c) => ({
        id: c.id,
        expression: this.byText[c.source]!,
        confidence: 0.95,
        referencedVariables: [],
        reason: 'scripted',
        match: 'exact',
      })),
    };
    return { object: req.schema.parse(object), usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, reasoningTokens: 0 } };
  }
}

const GROUP_VARIABLE: Record<string, string> = {
  'Staff friendliness': 'Q8',
  'Overall satisfaction': 'Q2',
  'Travel for work': 'Q1',
  'Recommend the hotel': 'Q3',
  'Breakfast rating': 'Q9',
};
const variableOf = (group: string) => GROUP_VARIABLE[group]!;

afterEach(() => resetModelProvider());

describe('a value label or a number with an open end ("Good or better", "3 or better") names the answers up to that end of the scale', () => {
  it('a filter on the label alone, or on the numbers the wrong way up, is never kept, whatever the model says of it', async () => {
    // [group, words, expression the model wrote, kept?]
    const cases: Array<[string, string, string, boolean]> = [
      ['Staff friendliness', 'Good or better', 'Q8 == 3', false],
      ['Staff friendliness', 'Good+', 'Q8 in (1, 2, 3)', true],
      ['Staff friendliness', 'At least good', 'Q8 <= 3', true],
      ['Staff friendliness', 'Very good or better', 'Q8 == 2', false],
      ['Staff friendliness', 'Fair or worse', 'Q8 == 4', false],
      ['Staff friendliness', 'Fair or below', 'Q8 >= 4', false],
      ['Staff friendliness', 'Better than good', 'Q8 in (1, 2)', true],
      ['Staff friendliness', 'Rated 3 or better', 'Q8 >= 3 & Q8 != 9', false],
      ['Staff friendliness', 'Good at least', 'Q8 == 3', false],
      ['Overall satisfaction', 'Satisfied or better', 'Q2 == 4', false],
      ['Overall satisfaction', 'Dissatisfied or worse', 'Q2 in (1, 2)', true],
      ['Travel for work', 'Every month or more', 'Q1 in (1, 2)', false],
    ];
    setModelProvider(new ScriptedProvider(Object.fromEntries(cases.map(([, text, expression]) => [text, expression]))));
    const results = await mapColumns(
      cases.map(([group, text]) => [group, text]),
      variableOf,
    );
    expect(results.map((r) => [r.text, r.codes !== null])).toEqual(cases.map(([, text, , kept]) => [text, kept]));
    const warning = (text: string) => results.find((r) => r.text === text)!.warning;
    expect(warning('Good or better')).toContain(
      'the words name 1 ("Excellent"), 2 ("Very good") of Q8 (in "Good or better"), which the filter does not select',
    );
    expect(warning('Fair or below')).toContain('the filter also selects 9 ("Don\'t know") of Q8');
    expect(warning('Rated 3 or better')).toContain('the words name 1 ("Excellent"), 2 ("Very good") of Q8 (in "3 or better")');
    expect(warning('Good at least')).toContain('"least" beside a label of Q8 is not read as an open end');
    expect(warning('Every month or more')).toContain('"Every month or more" cannot be read on Q1: its labels do not say which end of the scale is better');
  });

  it('the local model maps each to the whole range, toward the end the scale calls positive, or leaves it out saying why', async () => {
    setModelProvider(new LocalModelProvider());
    const expected: Array<[string, string, number[] | null]> = [
      ['Staff friendliness', 'Good or better', [1, 2, 3]],
      ['Staff friendliness', 'Good or above', [1, 2, 3]],
      ['Staff friendliness', 'Good and above', [1, 2, 3]],
      ['Staff friendliness', 'At least good', [1, 2, 3]],
      ['Staff friendliness', 'Good+', [1, 2, 3]],
      ['Staff friendliness', 'Very good or better', [1, 2]],
      ['Staff friendliness', 'Fair or worse', [4, 5]],
      ['Staff friendliness', 'Fair or below', [4, 5]],
      ['Staff friendliness', 'Better than good', [1, 2]],
      // "better" and "worse" with a number follow the scale's words; "higher" follows its numbers.
      ['Staff friendliness', 'Rated 3 or better', [1, 2, 3]],
      ['Staff friendliness', 'Rated 3 or higher', [3, 4, 5]],
      ['Staff friendliness', 'Worse than 3', [4, 5]],
      ['Overall satisfaction', 'Satisfied or better', [4, 5]],
      ['Overall satisfaction', 'Dissatisfied or worse', [1, 2]],
      ['Overall satisfaction', 'Less than satisfied', [1, 2, 3]],
      ['Travel for work', 'Every month or more', null],
      ['Travel for work', 'Every month or less', null],
      ['Recommend the hotel', '7 or better', [7, 8, 9, 10]],
      ['Breakfast rating', '8 or better', null],
      ['Breakfast rating', '8 or more', [8, 9, 10, 11, 12, 98, 99]],
    ];
    const results = await mapColumns(
      expected.map(([group, text]) => [group, text]),
      variableOf,
    );
    expect(results.map((r) => [r.text, r.codes])).toEqual(expected.map(([, text, codes]) => [text, codes]));
    for (const r of results.filter((x) => x.codes === null)) expect(r.warning, r.text).toMatch(/which end of the scale is better/);
  });

  it('routing read by the local model: an answer with an open end at a question, and a jump over it', async () => {
    setModelProvider(new LocalModelProvider());
    const expected: Array<[string, string, number[] | null]> = [
      ['Only those who rated Good or above at Q8', 'Q8', [1, 2, 3]],
      ['Asked of those who said Fair or worse at Q8', 'Q8', [4, 5]],
      ['Only people who rated 3 or better at Q8', 'Q8', [1, 2, 3]],
      ['Only those who were satisfied or better at Q2', 'Q2', [4, 5]],
      // Those who answered and were not skipped: "Don't know" was not "Good or better".
      ['Skip to Q10 if Good or better at Q8', 'Q8', [4, 5, 9]],
      ['Ask those who travel every month or more (Q1)', 'Q1', null],
    ];
    const rules = await runFilterTranslatorAgent(
      expected.map(([conditionText], i) => ({ id: `R${i}`, appliesTo: ['Q10'], conditionText })),
      dataMap,
    );
    expect(rules.map((r, i) => [r.conditionText, r.expression ? selected(r.expression, expected[i]![1]) : null])).toEqual(
      expected.map(([text, , codes]) => [text, codes]),
    );
    expect(rules[5]!.reason).toMatch(/which end of the scale is better/);
  });
});
