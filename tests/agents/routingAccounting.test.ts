import { afterAll, describe, expect, it } from 'vitest';
import { runFilterTranslatorAgent } from '@/agents';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { ModelCallRequest, ModelProvider } from '@/lib/llm/types';
import type { DataMap, DataMapVariable } from '@/lib/core/types';
import { variable } from './fixtures';

const labels = (...ls: string[]) => ls.map((label, i) => ({ value: i + 1, label }));
/** Questions of a gym survey: a value score whose label states its scale, visits, and two questions routed on them. */
const VARIABLES: DataMapVariable[] = [
  variable({ name: 'Q2', label: 'Q2. Visits to the club per week', kind: 'numeric' }),
  variable({ name: 'Q3', label: 'Q3. Value for money score (1-10)', kind: 'numeric' }),
  variable({ name: 'Q12', label: 'Q12. Preferred time to train', kind: 'single', valueLabels: labels('Morning', 'Lunchtime', 'Evening', 'Weekends') }),
  variable({ name: 'Q13', label: 'Q13. Main reason value is poor', kind: 'single', valueLabels: labels('Price', 'Equipment', 'Crowding', 'Other') }),
];
const dataMap: DataMap = {
  variables: VARIABLES,
  questions: VARIABLES.map((v) => ({ id: v.name, label: v.label, kind: v.kind, variables: [v.name] })),
  weightVariable: null,
  rowCount: 800,
  loops: [],
};

/** A model that answers every condition with one scripted filter, calling it exact. */
class OneAnswerModel implements ModelProvider {
  readonly name = 'scripted';
  readonly model = 'gpt-4o-mini';
  constructor(private readonly expression: string) {}
  generate<T>(req: ModelCallRequest<T>) {
    const object = req.schema.parse({ expression: this.expression, confidence: 0.95, reason: 'scripted', match: 'exact' });
    return Promise.resolve({ object, usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, reasoningTokens: 0 } });
  }
}

afterAll(() => resetModelProvider());

describe('routing read back: the question a rule is for is never what its words are about', () => {
  it.each([
    // The scale a label states ("(1-10)") is no part of its topic: "a score of 1–4" is read on it.
    ['Q13', 'Asked of those who gave a score of 1–4 on the value for money question.', 'Q3 >= 1 & Q3 <= 4'],
    // "times a week" is not about Q12 ("Preferred time to train"), the question the rule is for.
    ['Q12', 'Ask if visits 4 or more times a week (Q2 = 4+).', 'Q2 >= 4'],
  ])('%s: %s', async (question, conditionText, expression) => {
    setModelProvider(new LocalModelProvider());
    const [rule] = await runFilterTranslatorAgent([{ id: 'R1', appliesTo: [question], conditionText }], dataMap);
    expect(rule).toMatchObject({ expression });
  });

  it.each([
    ['the local model', new LocalModelProvider()],
    ['a model', new OneAnswerModel('Q13 == 1')],
  ])('a filter on the routed question itself is not used (%s): who is asked cannot depend on the answer', async (_name, provider) => {
    setModelProvider(provider);
    const [rule] = await runFilterTranslatorAgent([{ id: 'R1', appliesTo: ['Q13'], conditionText: 'Only those who said Price (Q13 = 1)' }], dataMap);
    expect(rule!.expression).toBeUndefined();
    expect(rule!.reason).toMatch(/the filter uses Q13, a question the rule is for/);
  });
});
