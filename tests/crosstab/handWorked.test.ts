import { describe, expect, it } from 'vitest';
import { PipelineCancelledError } from '@/lib/core/PipelineErrors';
import { computeCrosstabs } from '@/lib/pipeline/stages/CrosstabComputation';
import { applyBaseFilters } from '@/lib/pipeline/stages/FilterApplicator';
import { generateTables } from '@/lib/pipeline/stages/TableGenerator';
import type { CrosstabTable, TableDefinition } from '@/lib/core/types';
import { HAND_BANNER, handDataMap, handDataset, withNet } from './handFixture';

/** Columns in output order: Total, A Male, B Female, C 18-34, D 35+. */
function prepareTables(): TableDefinition[] {
  const dataset = handDataset();
  const generated = generateTables(handDataMap(), dataset);
  const { tables } = applyBaseFilters(
    generated,
    [{ id: 'skip_q2', appliesTo: ['Q2'], conditionText: 'Ask if Q1 = 1 or 2', expression: 'Q1 in (1, 2)' }],
    dataset.variables,
  );
  return tables.map((t) => {
    if (t.questionId === 'Q1') return withNet(t, 'Yes or No', [1, 2]);
    if (t.questionId === 'Q2') return withNet(t, 'Road or mountain', ['Q2_1', 'Q2_2']);
    return t;
  });
}

function run(weightVariable: string | null): Map<string, CrosstabTable> {
  const result = computeCrosstabs(prepareTables(), HAND_BANNER, handDataset(), { weightVariable, significance: false });
  return new Map(result.map((t) => [t.tableId, t]));
}

const counts = (table: CrosstabTable, rowId: string): number[] => (table.rows.find((r) => r.id === rowId)?.cells ?? []).map((c) => c.count);
const percents = (table: CrosstabTable, rowId: string): Array<number | null> => (table.rows.find((r) => r.id === rowId)?.cells ?? []).map((c) => c.percent);
const stat = (table: CrosstabTable, label: string): Array<number | null> => table.stats?.find((s) => s.label === label)?.values ?? [];

describe('hand-worked fixture, weighted by W', () => {
  const tables = run('W');

  it('lays out Total then lettered banner columns', () => {
    const q1 = tables.get('t_Q1') as CrosstabTable;
    expect(q1.columns).toEqual([
      { id: 'total', label: 'Total', group: 'Total', letter: '' },
      { id: 'male', label: 'Male', group: 'Gender', letter: 'A' },
      { id: 'female', label: 'Female', group: 'Gender', letter: 'B' },
      { id: 'young', label: '18-34', group: 'Age', letter: 'C' },
      { id: 'older', label: '35+', group: 'Age', letter: 'D' },
    ]);
  });

  it('single question: user-missing code excluded, weighted bases, counts, percents and NET', () => {
    const q1 = tables.get('t_Q1') as CrosstabTable;
    // Rows: codes 1, 2, 3 (9 = Refused is user-missing) + the NET.
    expect(q1.rows.map((r) => r.id)).toEqual(['r_1', 'r_2', 'r_3', 'net_1_2']);
    // Base: answered Q1 with weight > 0 -> #1,2,3,5,6,7,8,10,11 (not #4 code 9, #9 missing, #12 weight 0).
    // Total = 1+2+0.5+1+2+1+0.5+1.5+1 = 10.5; Male #1,2,3,5 = 1+2+0.5+1 = 4.5; Female #6,7,8,10,11 = 2+1+0.5+1.5+1 = 6.0
    // 18-34 #1,6 = 1+2 = 3.0; 35+ #2,3,5,7,8,10,11 = 2+0.5+1+1+0.5+1.5+1 = 7.5
    expect(q1.bases).toEqual([10.5, 4.5, 6, 3, 7.5]);
    expect(q1.unweightedBases).toEqual([9, 4, 5, 2, 7]);
    // Yes (1): #1,3,6,8,11. Total 1+0.5+2+0.5+1 = 5; Male #1,3 = 1.5; Female #6,8,11 = 3.5; 18-34 #1,6 = 3; 35+ #3,8,11 = 2
    expect(counts(q1, 'r_1')).toEqual([5, 1.5, 3.5, 3, 2]);
    // No (2): #2,7,10. Total 2+1+1.5 = 4.5; Male #2 = 2; Female #7,10 = 2.5; 18-34 none; 35+ = 4.5
    expect(counts(q1, 'r_2')).toEqual([4.5, 2, 2.5, 0, 4.5]);
    // Don't know (3): #5 (w 1, male, 35+)
    expect(counts(q1, 'r_3')).toEqual([1, 1, 0, 0, 1]);
    // NET Yes or No = 5 + 4.5 = 9.5; Male 3.5; Female 6; 18-34 3; 35+ 6.5
    expect(counts(q1, 'net_1_2')).toEqual([9.5, 3.5, 6, 3, 6.5]);
    // Yes %: 5/10.5 = 47.619%, 1.5/4.5 = 33.333%, 3.5/6 = 58.333%, 3/3 = 100%, 2/7.5 = 26.667%
    const yes = percents(q1, 'r_1');
    [47.6190476, 33.3333333, 58.3333333, 100, 26.6666667].forEach((p, i) => expect(yes[i]).toBeCloseTo(p, 5));
    expect(q1.rows.find((r) => r.id === 'net_1_2')?.isNet).toBe(true);
  });

  it('multi-response set: base filter, answered-any base, distinct-respondent NET', () => {
    const q2 = tables.get('t_Q2') as CrosstabTable;
    expect(q2.baseLabel).toBe('Asked if Q1 in (1, 2); respondents who answered');
    // Base: Q1 in (1,2), weight > 0, at least one Q2 item answered -> #1,2,3,6,7,10,11 (#8 all items missing, #12 weight 0)
    // Total = 1+2+0.5+2+1+1.5+1 = 9; Male #1,2,3 = 3.5; Female #6,7,10,11 = 5.5; 18-34 #1,6 = 3; 35+ #2,3,7,10,11 = 6
    expect(q2.bases).toEqual([9, 3.5, 5.5, 3, 6]);
    expect(q2.unweightedBases).toEqual([7, 3, 4, 2, 5]);
    // Road bike Q2_1: #1,3,7,11 -> 1+0.5+1+1 = 3.5; Male #1,3 = 1.5; Female #7,11 = 2; 18-34 #1 = 1; 35+ #3,7,11 = 2.5
    expect(counts(q2, 'r_Q2_1')).toEqual([3.5, 1.5, 2, 1, 2.5]);
    // Mountain Q2_2: #2,3,7,10 -> 2+0.5+1+1.5 = 5; Male #2,3 = 2.5; Female #7,10 = 2.5; 18-34 0; 35+ 5
    expect(counts(q2, 'r_Q2_2')).toEqual([5, 2.5, 2.5, 0, 5]);
    // E-bike Q2_3: #6,7 -> 2+1 = 3 (#5 filtered out by Q1 = 3, #12 weight 0)
    expect(counts(q2, 'r_Q2_3')).toEqual([3, 0, 3, 2, 1]);
    // NET road or mountain: #1,2,3,7,10,11 -> 1+2+0.5+1+1.5+1 = 7 (not 3.5+5 = 8.5: #3 and #7 counted once)
    // Male #1,2,3 = 3.5; Female #7,10,11 = 3.5; 18-34 #1 = 1; 35+ #2,3,7,10,11 = 6
    expect(counts(q2, 'net_Q2_1_Q2_2')).toEqual([7, 3.5, 3.5, 1, 6]);
    // NET %: 7/9 = 77.778%, 3.5/3.5 = 100%, 3.5/5.5 = 63.636%, 1/3 = 33.333%, 6/6 = 100%
    const net = percents(q2, 'net_Q2_1_Q2_2');
    [77.7777778, 100, 63.6363636, 33.3333333, 100].forEach((p, i) => expect(net[i]).toBeCloseTo(p, 5));
  });

  it('numeric question: weighted statistics and 0-10 distribution', () => {
    const q3 = tables.get('t_Q3') as CrosstabTable;
    // Answered (weight > 0): #1:8(w1) #2:5(2) #3:10(.5) #5:7(1) #6:6(2) #7:9(1) #8:3(.5) #9:4(1) #11:10(1)
    // Σw = 10, Σwx = 8+10+5+7+12+9+1.5+4+10 = 66.5 -> mean 6.65
    expect(q3.bases[0]).toBe(10);
    expect(stat(q3, 'Mean')[0]).toBeCloseTo(6.65, 10);
    // Σw(x-6.65)² = 1.8225+5.445+5.61125+0.1225+0.845+5.5225+6.66125+7.0225+11.2225 = 44.275; sd = √(44.275/(10-1))
    expect(stat(q3, 'Std. deviation')[0]).toBeCloseTo(Math.sqrt(44.275 / 9), 10);
    // Sorted: 3(.5) 4(1) 5(2) 6(2) ...: cumulative .5, 1.5, 3.5, 5.5 passes half (5) at 6
    expect(stat(q3, 'Median')[0]).toBe(6);
    expect(stat(q3, 'Minimum')[0]).toBe(3);
    expect(stat(q3, 'Maximum')[0]).toBe(10);
    // Male #1,2,3,5: Σw 4.5, Σwx 8+10+5+7 = 30 -> 6.667; Female #6,7,8,9,11: Σw 5.5, Σwx 12+9+1.5+4+10 = 36.5 -> 6.636
    expect(stat(q3, 'Mean')[1]).toBeCloseTo(30 / 4.5, 10);
    expect(stat(q3, 'Mean')[2]).toBeCloseTo(36.5 / 5.5, 10);
    // Distribution: rows 0..10; code 10 = #3 (.5) + #11 (1) = 1.5 of 10 -> 15%
    expect(q3.rows).toHaveLength(11);
    expect(counts(q3, 'r_10')[0]).toBe(1.5);
    expect(percents(q3, 'r_10')[0]).toBeCloseTo(15, 10);
    expect(counts(q3, 'r_0')[0]).toBe(0);
  });
});

describe('hand-worked fixture, unweighted', () => {
  const tables = run(null);

  it('counts every respondent once, including the zero-weight one', () => {
    const q1 = tables.get('t_Q1') as CrosstabTable;
    // Answered Q1: #1,2,3,5,6,7,8,10,11,12 = 10; Male #1,2,3,5,12 = 5; Female 5; 18-34 #1,6,12 = 3; 35+ 7
    expect(q1.bases).toEqual([10, 5, 5, 3, 7]);
    expect(q1.unweightedBases).toEqual(q1.bases);
    // No (2): #2,7,10,12 = 4; Male #2,12 = 2; Female #7,10 = 2; 18-34 #12 = 1; 35+ #2,7,10 = 3
    expect(counts(q1, 'r_2')).toEqual([4, 2, 2, 1, 3]);
    expect(percents(q1, 'r_2')[0]).toBe(40);
  });

  it('multi-response NET and base', () => {
    const q2 = tables.get('t_Q2') as CrosstabTable;
    // Base: #1,2,3,6,7,10,11,12 = 8; NET road/mountain #1,2,3,7,10,11 = 6 -> 75%
    expect(q2.bases[0]).toBe(8);
    expect(counts(q2, 'net_Q2_1_Q2_2')[0]).toBe(6);
    expect(percents(q2, 'net_Q2_1_Q2_2')[0]).toBe(75);
    // E-bike: #6,7,12 = 3
    expect(counts(q2, 'r_Q2_3')[0]).toBe(3);
  });

  it('numeric median averages the two middle values', () => {
    const q3 = tables.get('t_Q3') as CrosstabTable;
    // Values: 8,5,10,7,6,9,3,4,10,2 -> sum 64, mean 6.4; sorted 2,3,4,5,6 | 7,8,9,10,10 -> median 6.5
    expect(stat(q3, 'Mean')[0]).toBeCloseTo(6.4, 10);
    expect(stat(q3, 'Median')[0]).toBe(6.5);
  });
});

describe('computeCrosstabs edge cases', () => {
  it('gives null percents for an empty column and throws on cancellation', () => {
    const banner = {
      origin: 'plan' as const,
      groups: [{ id: 'g', label: 'Nobody', columns: [{ id: 'none', label: 'None', expression: 'AGE == 7', confidence: 1 }] }],
    };
    const [q1] = computeCrosstabs(prepareTables().slice(0, 1), banner, handDataset(), { weightVariable: 'W', significance: true });
    expect(q1?.bases[1]).toBe(0);
    expect(q1?.rows[0]?.cells[1]).toEqual({ count: 0, percent: null, sig: [] });
    const controller = new AbortController();
    controller.abort();
    expect(() =>
      computeCrosstabs(prepareTables(), HAND_BANNER, handDataset(), {
        weightVariable: 'W',
        significance: false,
        signal: controller.signal,
      }),
    ).toThrow(PipelineCancelledError);
  });

  it('rejects an unknown weight variable or banner variable as input errors', () => {
    expect(() => computeCrosstabs(prepareTables(), HAND_BANNER, handDataset(), { weightVariable: 'WT2', significance: false })).toThrow(/WT2/);
    const bad = { origin: 'plan' as const, groups: [{ id: 'g', label: 'G', columns: [{ id: 'x', label: 'X', expression: 'REGION == 1', confidence: 1 }] }] };
    expect(() => computeCrosstabs(prepareTables(), bad, handDataset(), { weightVariable: null, significance: false })).toThrow(/REGION/);
  });
});
