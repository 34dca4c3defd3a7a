import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setModelProvider } from '@/lib/llm';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import type { CrosstabTable } from '@/lib/core/types';
import { workbookTableTitles } from './pipelineHarness';
import { COMMUTER, readJson, run, setupPipelineRuns } from './pipelineRuns';

setupPipelineRuns();

describe('runPipeline on commuter-survey (sets declared in the dictionary, weighted)', () => {
  it('exports one table per declared set, none per member, none for the respondent number, banner columns from plain words', async () => {
    setModelProvider(new LocalModelProvider());
    const { result, line, dir } = await run(COMMUTER);
    expect(result.outcome).toBe('success');
    expect(line.stages.filter((s) => s.status === 'error')).toEqual([]);

    const { tables } = readJson<{ tables: CrosstabTable[] }>(path.join(dir, 'tables.json'));
    expect(tables.map((t) => t.tableId)).toEqual([
      't_gender',
      't_agegrp',
      't_area',
      't_$modes',
      't_main_mode',
      't_$reasons',
      't_$wants',
      't_satisfied',
      't_minutes',
    ]);
    const byId = new Map(tables.map((t) => [t.tableId, t]));
    expect(byId.get('t_$modes')!.title).toContain('Ways of getting to work in the past month');
    expect(byId.get('t_$modes')!.rows.map((r) => r.label)).toEqual(['Car', 'Bus', 'Train', 'Bicycle', 'Walking']);
    expect(byId.get('t_$wants')!.rows.map((r) => r.label)).toEqual(['More frequent trains', 'Safer cycle lanes', 'Cheaper fares', 'More parking']);
    expect(byId.get('t_$reasons')!.rows.map((r) => r.label)).toEqual([
      'Cost',
      'Speed',
      'Reliability',
      'Comfort',
      'Better for the environment',
      'Health and fitness',
    ]);
    expect(byId.get('t_$modes')!.columns.map((c) => c.label)).toEqual([
      'Total',
      'Men',
      'Women',
      '18 to 34',
      '35 to 54',
      '55 or over',
      'City centre',
      'Suburbs',
      'Town or village',
    ]);
    // Weighted: the Total base of the set is a sum of two-decimal weights, not a head count.
    expect(Number.isInteger(byId.get('t_$modes')!.bases[0])).toBe(false);

    const titles = await workbookTableTitles(path.join(dir, 'crosstabs.xlsx'));
    expect([...titles].sort()).toEqual(tables.map((t) => t.title).sort());
  });
});
