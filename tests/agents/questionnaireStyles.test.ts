import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFilterTranslatorAgent, runSkipLogicAgent } from '@/agents';
import { compileFilter } from '@/lib/filters';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { applyBaseFilters } from '@/lib/pipeline/stages/FilterApplicator';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import type { DataMap, SavDataset } from '@/lib/core/types';
import { RecordingProvider } from './fixtures';
import { PARK_ROUTING, parkSurveyInMemory, psppToFilter } from '../support/parkSurvey';
import { QUESTIONNAIRES } from '../support/parkSurveyDocs';

/** The rows a filter selects, as their indexes (everyone when there is no filter). */
function selected(expression: string | undefined, dataset: SavDataset): number[] {
  const everyone = Array.from({ length: dataset.cases.count }, (_, i) => i);
  if (expression === undefined) return everyone;
  const predicate = compileFilter(expression, dataset.variables);
  return everyone.filter((i) => predicate(dataset.cases, i));
}

describe('routing in the forms questionnaires use (park-visits survey, local model)', () => {
  const dataset = parkSurveyInMemory();
  let dataMap: DataMap;
  beforeAll(() => {
    setModelProvider(new LocalModelProvider());
    dataMap = buildDataMap(dataset);
  });
  afterAll(() => resetModelProvider());

  async function bases(text: string) {
    const rules = await runFilterTranslatorAgent(await runSkipLogicAgent(text, dataMap), dataMap);
    const result = applyBaseFilters(generateTables(dataMap, dataset), rules, dataset.variables);
    return { rules, result, byQuestion: new Map(result.tables.map((t) => [t.questionId, t])) };
  }

  it.each(QUESTIONNAIRES.map((q) => [q.name, q] as const))(
    '%s: every routed question gets the base its text states, or a warning',
    async (_name, questionnaire) => {
      const { rules, result, byQuestion } = await bases(questionnaire.text);
      for (const [question, condition] of Object.entries(questionnaire.bases)) {
        const rule = rules.find((r) => r.appliesTo.includes(question) && r.expression !== undefined);
        expect(rule, `a rule for ${question}`).toBeDefined();
        expect(selected(rule!.expression, dataset), `${question}: ${rule!.expression}`).toEqual(selected(psppToFilter(condition), dataset));
      }
      for (const question of questionnaire.unreadable ?? []) {
        expect(
          result.rejected.some((r) => r.reason.startsWith(`Routing of ${question} not read`)),
          `routing of ${question} reported`,
        ).toBe(true);
      }
      expect(result.rejected).toHaveLength(questionnaire.unreadable?.length ?? 0);
      // Whatever was read, every table's base is the respondents who were asked (the file's "Not asked" codes agree).
      for (const [question, condition] of Object.entries(PARK_ROUTING)) {
        expect(selected(byQuestion.get(question)!.baseFilter, dataset), question).toEqual(selected(psppToFilter(condition), dataset));
      }
      for (const question of ['q1', 'q5', 'q7', 'sex', 'reg']) expect(byQuestion.get(question)!.baseFilter, question).toBeUndefined();
    },
  );

  it('reads conditions on value labels, multi-word labels and ranges of codes', async () => {
    const { rules } = await bases('Q3. How often?\n[ASK IF Q1 = Yes]\n\nQ4. Clean?\nAsk only if Q3 = Every day or Every week\n\nQ6. Dog?\nFilter: Q5 is 1-1\n');
    expect(rules.map((r) => [r.appliesTo, r.expression])).toEqual([
      [['q3'], 'q1 == 1'],
      [['q4'], 'q3 in (1, 2)'],
      [['q6'], 'q5 == 1'],
    ]);
  });

  it('reports routing whose words add to its condition instead of applying half of it', async () => {
    const { rules, result } = await bases('Q4. Clean?\nAsk if Q3 = 1 and they visit with children\n1. Yes\n');
    expect(rules[0]).toMatchObject({ appliesTo: ['q4'], confidence: 0 });
    expect(rules[0]!.reason).toMatch(/^a partial match: read "q3 == 1" but the condition is joined to words that add to it/);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^Routing of q4 not read: "Ask if Q3 = 1 and they visit with children" \(a partial match/),
    ]);
  });

  it('leaves out of a base the codes the file labels "Not asked" when no routing was read, and says so', () => {
    const result = applyBaseFilters(generateTables(dataMap, dataset), [], dataset.variables);
    expect(result.inferred.map((b) => [b.questionId, b.baseFilter, b.codes])).toEqual([
      ['q2', 'q2 != 0', [{ value: 0, label: 'Not asked' }]],
      ['q3', 'q3 != 0', [{ value: 0, label: 'Not asked' }]],
      ['q4', 'q4 != 0', [{ value: 0, label: 'Not asked' }]],
      ['q6', 'q6 != 0', [{ value: 0, label: 'Not asked' }]],
    ]);
    const q4 = result.tables.find((t) => t.questionId === 'q4')!;
    expect(q4.baseLabel).toBe('Asked (not coded "Not asked")');
    expect(selected(q4.baseFilter, dataset)).toEqual(selected(psppToFilter(PARK_ROUTING.q4!), dataset));
  });

  it('a jump over several questions gives each the opposite base; only a section with a jump is sent the questions up to its target', async () => {
    const recording = new RecordingProvider();
    setModelProvider(recording);
    try {
      const text = [
        'Q1. Visited a park?\n1. Yes\n2. No (skip to Q5)',
        'Q2. Main reason?\n1. Too far away',
        'Q3. How often?\n1. Every day',
        'Q4. Clean?\nASK IF Q3 = 1\n1. Very dissatisfied',
        'Q5. Own a dog?\n1. Yes',
        'Q6. Take the dog?\nBase: dog owners (Q5 = 1)\n1. Always',
        'Q7. Safe?\n1. Agree',
      ].join('\n\n');
      const { rules } = await bases(text);
      expect(rules.map((r) => [r.appliesTo, r.expression])).toEqual([
        [['q2', 'q3', 'q4'], 'q1 != 2'],
        [['q4'], 'q3 == 1'],
        [['q6'], 'q5 == 1'],
      ]);
      const sent = recording.requests.flatMap(({ input }) => {
        const section = input as { questionIds?: string[]; laterQuestionIds?: string[] };
        return section.laterQuestionIds === undefined ? [] : [[section.questionIds, section.laterQuestionIds]];
      });
      expect(sent).toEqual([
        [['Q1'], ['Q2', 'Q3', 'Q4', 'Q5']],
        [['Q4'], []],
        [['Q6'], []],
      ]);
    } finally {
      setModelProvider(new LocalModelProvider());
    }
  });
});
