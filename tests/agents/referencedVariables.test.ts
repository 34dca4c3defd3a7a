import { afterEach, describe, expect, it } from 'vitest';
import { runCrosstabAgent, runFilterTranslatorAgent } from '@/agents';
import { filterVariables } from '@/lib/filters';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { Banner } from '@/lib/core/types';
import { trackerDataMap } from './fixtures';

/** Expressions whose variable references a text search gets wrong or right only by luck. */
const EXPRESSIONS = [
  'Q1 == "ZZ9 fans"',
  'Q1 == "say \\"ZZ9 == 1\\" twice"',
  'answered(Q7) & Q3 in (4, 5)',
  'S2 >= 1e3',
  'S2 < 2.5E1 | S2 > 90',
  'Q1 in (1, 2) | ZZ9 == 1',
  'answered(ZZ9)',
  '!(Q6 == 1) & ZZ9 in (1, "Q1")',
  'TRUE',
];

/** A model that answers every agent with the expression under test. */
function answering(expression: string): LocalModelProvider {
  return new LocalModelProvider({
    solve: (agent, input) => {
      if (agent === 'CrosstabAgent') {
        const { columns } = input as { columns: Array<{ id: string }> };
        return { columns: columns.map((c) => ({ id: c.id, expression, confidence: 0.9, referencedVariables: [], reason: 'scripted' })) };
      }
      return { expression, confidence: 0.9, reason: 'scripted' };
    },
  });
}

afterEach(() => resetModelProvider());

describe('variables an expression refers to', () => {
  const dataMap = trackerDataMap();
  const known = new Set(dataMap.variables.map((v) => v.name.toLowerCase()));

  it.each(EXPRESSIONS)('%s: the agents accept it exactly when the filter language finds only known variables', async (expression) => {
    const onlyKnown = filterVariables(expression).every((name) => known.has(name.toLowerCase()));
    setModelProvider(answering(expression));

    const banner: Banner = {
      origin: 'plan',
      groups: [{ id: 'g', label: 'Group', columns: [{ id: 'c', label: 'Column', source: 'Column', expression: '', confidence: 0 }] }],
    };
    const { banner: mapped, warnings } = await runCrosstabAgent(banner, dataMap);
    const kept = mapped.groups.flatMap((g) => g.columns.map((c) => c.expression));
    // Past the reference check, the words ("Column", "Ask some") name no answer: the coverage contract keeps only an
    // expression that selects everyone, and says of the others what it could not account for.
    const covered = expression === 'TRUE';
    expect(kept).toEqual(onlyKnown && covered ? [expression] : []);
    if (!(onlyKnown && covered))
      expect(warnings[0]).toMatch(
        onlyKnown ? /dropped: a partial match \(the (words name no answer|filter does not compile)/ : /dropped: the mapping used unknown variable ZZ9/,
      );

    const [rule] = await runFilterTranslatorAgent([{ id: 'R1', appliesTo: ['Q4'], conditionText: 'Ask some' }], dataMap);
    expect(rule?.confidence ?? 0).toBe(onlyKnown && covered ? 0.9 : 0);
    expect(rule?.expression).toBe(onlyKnown && covered ? expression : undefined);
    if (!(onlyKnown && covered)) expect(rule?.reason).toMatch(onlyKnown ? /^a partial match: / : /unknown variable ZZ9/);
  });

  it('leaves text that is not filter syntax to the stages that report the syntax error', async () => {
    setModelProvider(answering('S1 = 1'));
    const banner: Banner = {
      origin: 'plan',
      groups: [{ id: 'g', label: 'Group', columns: [{ id: 'c', label: 'Column', source: 'Column', expression: '', confidence: 0 }] }],
    };
    const { banner: mapped } = await runCrosstabAgent(banner, dataMap);
    expect(mapped.groups[0]?.columns[0]?.expression).toBe('S1 = 1');
    const [rule] = await runFilterTranslatorAgent([{ id: 'R1', appliesTo: ['Q4'], conditionText: 'Ask some' }], dataMap);
    expect(rule).toMatchObject({ expression: 'S1 = 1', confidence: 0.9 });
  });
});
