import { afterAll, describe, expect, it } from 'vitest';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { ModelCallRequest, ModelProvider } from '@/lib/llm/types';
import { corruptedExpression } from './forms/corrupted';
import { formatShares, runScenarios, type CaseResult } from './forms/runScenarios';
import { generateScenarios, type FormCase, type Scenario } from './forms/scenarios';

/** Seed and number of generated scenarios (about seven cases each). */
const SEED = 20_2606;
const SCENARIOS = 360;

/** A model that maps every column and rule to a scripted expression and calls the match exact. */
class ScriptedProvider implements ModelProvider {
  readonly name = 'scripted';
  readonly model = 'gpt-4o-mini';
  byColumn = new Map<string, string>();
  byText = new Map<string, string>();

  async generate<T>(req: ModelCallRequest<T>) {
    const input = req.input as { columns?: Array<{ id: string }>; conditionText?: string };
    const answer = input.columns
      ? {
          columns: input.columns.map((c) => ({
            id: c.id,
            expression: this.byColumn.get(c.id)!,
            confidence: 0.95,
            referencedVariables: [],
            reason: 'scripted',
            match: 'exact',
          })),
        }
      : { expression: this.byText.get(input.conditionText!)!, confidence: 0.95, reason: 'scripted', match: 'exact' };
    return { object: req.schema.parse(answer), usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, reasoningTokens: 0 } };
  }
}

const describeCase = (r: CaseResult) => `${r.case.form} | "${r.case.text}" on ${r.case.target.name} → ${r.expression ?? '(none)'} ${r.warning ?? ''}`;
const scenarios: Scenario[] = generateScenarios(SEED, SCENARIOS);
afterAll(() => resetModelProvider());

describe('generated plans and routing: every mapping is exactly right or left out with a warning, never present and wrong', () => {
  it('the local model, on more than 2,000 cases in every form', async () => {
    setModelProvider(new LocalModelProvider());
    const results = await runScenarios(scenarios);
    expect(results.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(results.map((r) => r.case.form)).size).toBeGreaterThanOrEqual(12);
    expect(results.filter((r) => r.outcome === 'wrong').map(describeCase)).toEqual([]);
    for (const r of results.filter((x) => x.outcome === 'dropped')) expect(r.warning, describeCase(r)).toMatch(/\S/);
    // Few drops on the forms people write: no form loses more than one case in six (words that cannot be read surely are all left out).
    const shares = formatShares(results);
    console.info(`Share of generated cases left out, per form (seed ${SEED}):\n${shares}`);
    for (const line of shares.split('\n').slice(1)) {
      const share = Number(/(\d+\.\d)%/.exec(line)![1]);
      if (line.includes('must be left out')) expect(share, line).toBe(100);
      else expect(share, line).toBeLessThan(17);
    }
  });

  it('a model that writes one value too few or too many and calls it exact is caught on every case', async () => {
    const scripted = new ScriptedProvider();
    setModelProvider(scripted);
    const results: CaseResult[] = [];
    for (const s of scenarios) {
      const missing = (c: FormCase) => new Set(s.dataMap.variables.find((v) => v.name === c.target.name)!.missingValues.map(Number));
      for (const c of s.columns) scripted.byColumn.set(c.id, corruptedExpression(c, missing(c)));
      scripted.byText = new Map(s.rules.map((c) => [c.text, corruptedExpression(c, missing(c))]));
      results.push(...(await runScenarios([s])));
    }
    expect(results.length).toBeGreaterThanOrEqual(2000);
    expect(results.filter((r) => r.outcome !== 'dropped').map(describeCase)).toEqual([]);
  });
});
