import { afterAll, describe, expect, it } from 'vitest';
import { runCrosstabAgent, runFilterTranslatorAgent, runVerificationAgent } from '@/agents';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import type { ModelCallRequest, ModelProvider } from '@/lib/llm/types';
import type { Banner, DataMap, DataMapVariable, TableDefinition } from '@/lib/core/types';
import { variable } from './fixtures';

/** A model that answers with scripted objects, as a real provider would: the agent layer cannot tell it from one. */
class ScriptedProvider implements ModelProvider {
  readonly name = 'scripted';
  readonly model = 'gpt-4o-mini';

  constructor(private readonly answer: (agent: string, input: unknown) => unknown) {}

  async generate<T>(req: ModelCallRequest<T>) {
    return {
      object: req.schema.parse(this.answer(req.agent, req.input)),
      usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, reasoningTokens: 0 },
    };
  }
}

const points = (n: number) => Array.from({ length: n }, (_, i) => i);
/** A 0-10 recommend scale labelled at its ends only, plus -1 "Refused" (not declared missing). */
const NPS: DataMapVariable = variable({
  name: 'Q5',
  label: 'How likely are you to recommend us to a friend?',
  kind: 'single',
  valueLabels: [
    { value: 0, label: '0 Not at all likely' },
    { value: 10, label: '10 Extremely likely' },
    { value: -1, label: 'Refused' },
  ],
});
const SAT: DataMapVariable = variable({
  name: 'Q2',
  label: 'Overall satisfaction',
  kind: 'single',
  valueLabels: [
    { value: 0, label: 'Not asked' },
    ...['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'].map((label, i) => ({ value: i + 1, label })),
    { value: 9, label: "Don't know" },
  ],
});
const dataMap: DataMap = {
  variables: [NPS, SAT],
  questions: [NPS, SAT].map((v) => ({ id: v.name, label: v.label, kind: v.kind, variables: [v.name] })),
  weightVariable: null,
  rowCount: 800,
  loops: [],
};

afterAll(() => resetModelProvider());

describe('the coverage contract: every number and label a text names is accounted for, whatever the model answered', () => {
  it('banner columns: a mapping to one point of a bracketed range, or a range taking in a non-answer, is dropped saying what was not covered', async () => {
    const scripted: Record<string, string> = {
      'Promoters (9-10)': 'Q5 == 9',
      'Passives (7-8)': 'Q5 in (7, 8)',
      'Detractors (0-6)': 'Q5 <= 6',
      'Detractors (0–6)': 'Q5 >= 0 & Q5 <= 6',
      'Top box (10)': 'Q5 == 10',
      'Rated 4 or lower': 'Q2 <= 4',
      'Good or Excellent': 'Q2 == 4',
      'Good or Excellent (Q2 = 4-5)': 'Q2 in (4, 5)',
    };
    setModelProvider(
      new ScriptedProvider((_agent, input) => ({
        columns: (input as { columns: Array<{ id: string; source: string }> }).columns.map((c) => ({
          id: c.id,
          expression: scripted[c.source]!,
          confidence: 0.95,
          referencedVariables: [],
          reason: 'scripted',
          match: 'exact',
        })),
      })),
    );
    const banner: Banner = {
      origin: 'plan',
      groups: [
        {
          id: 'g1',
          label: 'Scores',
          columns: Object.keys(scripted).map((label, i) => ({ id: `c${i}`, label, source: label, expression: '', confidence: 0 })),
        },
      ],
    };
    const { banner: mapped, warnings } = await runCrosstabAgent(banner, dataMap);
    expect(mapped.groups[0]!.columns.map((c) => [c.label, c.expression])).toEqual([
      ['Passives (7-8)', 'Q5 in (7, 8)'],
      ['Detractors (0–6)', 'Q5 >= 0 & Q5 <= 6'],
      ['Top box (10)', 'Q5 == 10'],
      ['Good or Excellent (Q2 = 4-5)', 'Q2 in (4, 5)'],
    ]);
    expect(warnings).toEqual([
      'Banner column "Promoters (9-10)" (group "Scores") dropped: a partial match (the words name 10 ("10 Extremely likely") of Q5 (in "9-10"), which the filter does not select), not used',
      'Banner column "Detractors (0-6)" (group "Scores") dropped: a partial match (the filter also selects -1 ("Refused") of Q5, which the words do not name), not used',
      'Banner column "Rated 4 or lower" (group "Scores") dropped: a partial match (the filter also selects 0 ("Not asked") of Q2, which the words do not name; nothing in the words and the group label says they are about Q2 ("Overall satisfaction")), not used',
      'Banner column "Good or Excellent" (group "Scores") dropped: a partial match (the words name 5 ("Excellent") of Q2, which the filter does not select), not used',
    ]);
  });

  it('routing: a rule read on the wrong codes keeps no expression and says what was not covered', async () => {
    const scripted: Record<string, string> = {
      'Asked of those who rated 4 or lower at Q2': 'Q2 <= 4',
      'Only people who said Good or Excellent at Q2': 'Q2 in (4, 5)',
      'Those who gave a score of 0-6 on the recommend question': 'Q5 in (0, 1, 2, 3, 4, 5, 6)',
      'Skip to Q9 if Q5 = 10': 'Q5 != 9',
    };
    setModelProvider(
      new ScriptedProvider((_agent, input) => ({
        expression: scripted[(input as { conditionText: string }).conditionText]!,
        confidence: 0.95,
        reason: 'scripted',
        match: 'exact',
      })),
    );
    const rules = await runFilterTranslatorAgent(
      // Rules for a later question: routing on Q2 and Q5 is never for Q2 or Q5 themselves.
      Object.keys(scripted).map((conditionText, i) => ({ id: `R${i}`, appliesTo: ['Q9'], conditionText })),
      dataMap,
    );
    expect(rules.map((r) => [r.conditionText, r.expression ?? null])).toEqual([
      ['Asked of those who rated 4 or lower at Q2', null],
      ['Only people who said Good or Excellent at Q2', 'Q2 in (4, 5)'],
      ['Those who gave a score of 0-6 on the recommend question', 'Q5 in (0, 1, 2, 3, 4, 5, 6)'],
      ['Skip to Q9 if Q5 = 10', null],
    ]);
    expect(rules[0]!.reason).toBe('a partial match: the filter also selects 0 ("Not asked") of Q2, which the words do not name');
    expect(rules[3]!.reason).toMatch(/^a partial match: for Q5 = \d+ the words/);
  });

  it('NETs: a NET whose label names codes it does not sum (or sums codes it does not name) is not added', async () => {
    setModelProvider(
      new ScriptedProvider(() => ({
        title: 'Q5',
        nets: [
          { label: 'Promoters (9-10) (NET)', codes: [10], match: 'label' },
          { label: 'Passives (7-8) (NET)', codes: [7, 8], match: 'label' },
          { label: 'Detractors (0-6) (NET)', codes: [0, 1, 2, 3, 4, 5, 6, 7], match: 'label' },
        ],
        lowValue: false,
        notes: [],
      })),
    );
    const table: TableDefinition = {
      id: 't_Q5',
      questionId: 'Q5',
      title: 'Q5',
      kind: 'single',
      variables: ['Q5'],
      rows: points(11).map((c) => ({ id: `r_${c}`, label: String(c), codes: [c] })),
      baseLabel: 'All respondents',
      notes: [],
    };
    const [reviewed] = await runVerificationAgent([table], dataMap);
    expect(reviewed!.rows.filter((r) => r.isNet).map((r) => [r.label, r.codes])).toEqual([['Passives (7-8) (NET)', [7, 8]]]);
    expect(reviewed!.notes).toEqual([
      'NET "Promoters (9-10) (NET)" not added: the label names 9 of Q5 (in "9-10"), which the NET does not sum',
      'NET "Detractors (0-6) (NET)" not added: the NET also sums 7 of Q5, which the label does not name',
    ]);
  });

  it('NETs of a multiple-response set: added only when the label names exactly the items it sums, or says "any" and sums them all', async () => {
    const classes = ['Yoga', 'Spin', 'Pilates', 'HIIT'];
    const members = classes.map((label, i) =>
      variable({
        name: `Q8_${i + 1}`,
        label,
        kind: 'multi',
        valueLabels: [
          { value: 0, label: 'Not selected' },
          { value: 1, label: 'Selected' },
        ],
      }),
    );
    const multiMap: DataMap = {
      variables: members,
      questions: [{ id: 'Q8', label: 'Classes attended', kind: 'multi', variables: members.map((m) => m.name) }],
      weightVariable: null,
      rowCount: 800,
      loops: [],
    };
    setModelProvider(
      new ScriptedProvider(() => ({
        title: 'Classes attended',
        nets: [
          { label: 'Any class (NET)', codes: ['Q8_1', 'Q8_2', 'Q8_3', 'Q8_4'], match: 'label' },
          { label: 'Yoga or Pilates (NET)', codes: ['Q8_1', 'Q8_3'], match: 'label' },
          { label: 'Yoga, Spin or HIIT (NET)', codes: ['Q8_1', 'Q8_2'], match: 'label' },
          { label: 'Spin or HIIT (NET)', codes: ['Q8_2', 'Q8_3', 'Q8_4'], match: 'label' },
          { label: 'Cardio classes (NET)', codes: ['Q8_2', 'Q8_4'], match: 'label' },
          { label: 'Any of these', codes: ['Q8_1', 'Q8_2', 'Q8_3'], match: 'label' },
        ],
        lowValue: false,
        notes: [],
      })),
    );
    const table: TableDefinition = {
      id: 't_Q8',
      questionId: 'Q8',
      title: 'Classes attended',
      kind: 'multi',
      variables: members.map((m) => m.name),
      rows: members.map((m) => ({ id: `r_${m.name}`, label: m.label, codes: [m.name] })),
      baseLabel: 'All respondents',
      notes: [],
    };
    const [reviewed] = await runVerificationAgent([table], multiMap);
    expect(reviewed!.rows.filter((r) => r.isNet).map((r) => [r.label, r.codes])).toEqual([
      ['Any class (NET)', ['Q8_1', 'Q8_2', 'Q8_3', 'Q8_4']],
      ['Yoga or Pilates (NET)', ['Q8_1', 'Q8_3']],
    ]);
    expect(reviewed!.notes).toEqual([
      'NET "Yoga, Spin or HIIT (NET)" not added: the label names "HIIT", which the NET does not sum',
      'NET "Spin or HIIT (NET)" not added: the NET also sums "Pilates", which the label does not name',
      'NET "Cardio classes (NET)" not added: the label names none of the rows it sums ("Spin", "HIIT")',
      'NET "Any of these" not added: the label says any item, yet the NET does not sum "HIIT"',
    ]);
  });
});
