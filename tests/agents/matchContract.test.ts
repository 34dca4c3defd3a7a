import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrosstabAgent, runFilterTranslatorAgent, runVerificationAgent } from '@/agents';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import type { ModelCallRequest, ModelProvider } from '@/lib/llm/types';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { applyBaseFilters } from '@/lib/pipeline/stages/FilterApplicator';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import type { Banner, DataMap } from '@/lib/core/types';
import { parkSurveyInMemory } from '../support/parkSurvey';

/** A model that answers each agent with a scripted object built from the call's input, as a real provider would. */
class ScriptedProvider implements ModelProvider {
  readonly name = 'scripted';
  readonly model = 'gpt-4o-mini';

  constructor(private readonly answer: (agent: string, input: unknown) => unknown) {}

  async generate<T>(req: ModelCallRequest<T>) {
    const object = req.schema.parse(this.answer(req.agent, req.input));
    return { object, usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, reasoningTokens: 0 } };
  }
}

const dataset = parkSurveyInMemory();
let dataMap: DataMap;
beforeAll(() => {
  dataMap = buildDataMap(dataset);
});
afterAll(() => resetModelProvider());

describe('the confidence contract: a mapping that says it is doubtful is reported, never used', () => {
  it('banner columns: exact and label matches kept; partial matches, guesses and unqualified low confidence dropped, each named', async () => {
    const scripted: Record<string, { expression: string; confidence: number; match?: string }> = {
      c1: { expression: 'sex == 1', confidence: 0.95, match: 'exact' },
      c2: { expression: 'reg == 1', confidence: 0.8, match: 'label' },
      c3: { expression: 'sex == 1', confidence: 0.9, match: 'partial' },
      c4: { expression: 'q5 == 1', confidence: 0.7, match: 'guess' },
      c5: { expression: 'reg == 2', confidence: 0.4 },
      c6: { expression: 'reg == 3', confidence: 0.9 },
    };
    setModelProvider(
      new ScriptedProvider((_agent, input) => ({
        columns: (input as { columns: Array<{ id: string }> }).columns.map((c) => ({
          id: c.id,
          ...scripted[c.id]!,
          referencedVariables: [],
          reason: `scripted ${c.id}`,
        })),
      })),
    );
    const labels = ['Men', 'North', 'Columns', 'Dog lovers', 'South', 'Capital'];
    const banner: Banner = {
      origin: 'plan',
      groups: [{ id: 'g1', label: 'Mixed', columns: labels.map((label, i) => ({ id: `c${i + 1}`, label, source: label, expression: '', confidence: 0 })) }],
    };
    const { banner: mapped, warnings } = await runCrosstabAgent(banner, dataMap);
    expect(mapped.groups[0]!.columns.map((c) => [c.label, c.expression])).toEqual([
      ['Men', 'sex == 1'],
      ['North', 'reg == 1'],
      ['Capital', 'reg == 3'],
    ]);
    expect(warnings).toEqual([
      'Banner column "Columns" (group "Mixed") dropped: a partial match (scripted c3), not used',
      'Banner column "Dog lovers" (group "Mixed") dropped: a guess (scripted c4), not used',
      'Banner column "South" (group "Mixed") dropped: a low-confidence match (scripted c5), not used',
    ]);
  });

  it('routing: a partial reading is not applied; the table keeps its base and the run is told which routing was not read', async () => {
    setModelProvider(new ScriptedProvider(() => ({ expression: 'q3 == 1', confidence: 0.9, reason: 'read the first of two conditions', match: 'partial' })));
    const rules = await runFilterTranslatorAgent([{ id: 'R1', appliesTo: ['q4'], conditionText: 'Ask if Q3 = 1, or Q3 = 2 when they have children' }], dataMap);
    expect(rules).toEqual([
      {
        id: 'R1',
        appliesTo: ['q4'],
        conditionText: 'Ask if Q3 = 1, or Q3 = 2 when they have children',
        confidence: 0,
        reason: 'a partial match: read the first of two conditions',
      },
    ]);
    const result = applyBaseFilters(generateTables(dataMap, dataset), rules, dataset.variables);
    expect(result.applied).toBe(0);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'Routing of q4 not read: "Ask if Q3 = 1, or Q3 = 2 when they have children" (a partial match: read the first of two conditions); the base stays as it was',
    ]);
  });

  it('NETs: never over codes outside the scale ("Not asked", "Don\'t know"), never a guess, never named by nothing; NETs of scale points added', async () => {
    setModelProvider(
      new ScriptedProvider(() => ({
        title: 'Scripted',
        nets: [
          { label: 'Bottom 2 box (NET)', codes: [0, 1], match: 'label' },
          { label: 'Any view (NET)', codes: [1, 2, 3, 4, 5, 9], match: 'label' },
          { label: 'Positive (NET)', codes: [4, 5], match: 'guess' },
          { label: 'Top 2 box (NET)', codes: [4, 5], match: 'label' },
          { label: 'Low (NET)', codes: [1, 2] },
          { label: 'Low (1-2) (NET)', codes: [1, 2] },
        ],
        lowValue: false,
        notes: [],
      })),
    );
    const tables = generateTables(dataMap, dataset).filter((t) => t.questionId === 'q4' || t.questionId === 'q7');
    const [q4, q7] = await runVerificationAgent(tables, dataMap);
    const nets = (t: typeof q4) => t!.rows.filter((r) => r.isNet).map((r) => [r.label, r.codes]);
    expect(nets(q4)).toEqual([
      ['Top 2 box (NET)', [4, 5]],
      ['Low (1-2) (NET)', [1, 2]],
    ]);
    expect(q4!.notes).toEqual([
      'NET "Bottom 2 box (NET)" not added: codes 0 are not answers on the scale',
      'NET "Any view (NET)" not added: codes 9 are not rows of this table',
      'NET "Positive (NET)" not added: a guess',
      'NET "Low (NET)" not added: the label names no answer of q4, yet the NET sums 1 ("Very dissatisfied"), 2 ("Dissatisfied")',
    ]);
    expect(nets(q7)).toEqual([
      ['Top 2 box (NET)', [4, 5]],
      ['Low (1-2) (NET)', [1, 2]],
    ]);
    expect(q7!.notes).toEqual([
      'NET "Bottom 2 box (NET)" not added: codes 0 are not rows of this table',
      'NET "Any view (NET)" not added: codes 9 are not answers on the scale',
      'NET "Positive (NET)" not added: a guess',
      'NET "Low (NET)" not added: the label names no answer of q7, yet the NET sums 1 ("Strongly disagree"), 2 ("Disagree")',
    ]);
  });
});
