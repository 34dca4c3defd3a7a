import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLoopSemanticsPolicyAgent } from '@/agents';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { applyLoopPolicies } from '@/lib/pipeline/stages/loopStacking';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import type { CellValue, SavDataset, SavVariable } from '@/lib/core/types';
import { casesFromRows } from '@/lib/core/CaseTable';

const RATING = [
  { value: 1, label: 'Poor' },
  { value: 2, label: 'Fair' },
  { value: 3, label: 'Good' },
];

/** A respondent id and a rating asked once per store visited, named `Q10<marker><n>`. */
function loopedDataset(marker: string): SavDataset {
  const rating = (n: number): SavVariable => ({
    name: `Q10${marker}${n}`,
    label: `Rating of store ${n}`,
    type: 'numeric',
    missing: { values: [] },
    valueLabels: RATING,
  });
  const id: SavVariable = { name: 'RESPID', label: 'Respondent', type: 'numeric', missing: { values: [] }, valueLabels: [] };
  const rows: CellValue[][] = [
    [1, 3, 2, 1],
    [2, 2, 3, null],
    [3, 1, null, null],
    [4, 3, null, null],
  ];
  return { fileName: 'stores.sav', variables: [id, rating(1), rating(2), rating(3)], cases: casesFromRows(rows, 4), weightVariable: null, encoding: 'UTF-8' };
}

beforeEach(() => setModelProvider(new LocalModelProvider()));
afterEach(() => resetModelProvider());

describe('looped variables, whatever the iteration marker', () => {
  it.each([
    ['_L', 'L'],
    ['_LOOP', 'LOOP'],
    ['_loop', 'LOOP'],
  ])('Q10%s1..3 is detected as a loop and stacked into one Q10 table', async (marker, loopId) => {
    const dataset = loopedDataset(marker);
    const dataMap = buildDataMap(dataset);
    expect(dataMap.loops).toEqual([loopId]);

    const policies = await runLoopSemanticsPolicyAgent(dataMap);
    const names = [1, 2, 3].map((n) => `Q10${marker}${n}`);
    expect(policies).toEqual([expect.objectContaining({ loopId, variables: names, policy: 'stacked' })]);

    const { tables, stacked } = applyLoopPolicies(generateTables(dataMap, dataset), policies, dataset);
    expect(tables.flatMap((t) => t.variables).filter((v) => names.includes(v))).toEqual([]);
    expect(stacked).toHaveLength(1);
    const table = stacked[0]!.table;
    expect(table).toMatchObject({ id: 't_Q10_stacked', questionId: 'Q10', variables: ['Q10_STACK'], title: 'Q10: Rating of store (all iterations, stacked)' });
    // One stacked row per answered iteration: 3 + 2 + 1 + 1.
    expect(stacked[0]!.dataset.cases.count).toBe(7);
  });
});
