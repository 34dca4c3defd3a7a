import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setModelProvider, resetModelProvider } from '@/lib/llm';
import type { PipelineSummary } from '@/lib/pipeline/pipelineSummary';
import { STAGE_NAMES } from '@/lib/core/types';
import { TrackingProvider, workbookTableTitles } from './pipelineHarness';
import { BRAND, PULSE, callsByAgent, delivered, eventsOf, opOf, readJson, recordsOf, run, setupPipelineRuns, spansOf, type Run } from './pipelineRuns';

setupPipelineRuns();
let provider: TrackingProvider;

describe('runPipeline on the bundled examples', () => {
  const solo: Record<string, Run> = {};

  beforeAll(async () => {
    provider = new TrackingProvider();
    setModelProvider(provider);
    solo.brand = await run(BRAND);
    solo.pulse = await run(PULSE);
    resetModelProvider();
  });

  for (const key of ['brand', 'pulse'] as const) {
    describe(key === 'brand' ? 'brand-tracker' : 'employee-pulse', () => {
      it('succeeds and writes complete outputs: tables.json, a readable workbook, the summary and wide-event.json', async () => {
        const { result, line, dir } = solo[key]!;
        expect(result.outcome).toBe('success');
        expect(result.error).toBeUndefined();
        expect(result.tableCount).toBeGreaterThan(0);

        const tables = readJson<{ meta: { runId: string }; tables: Array<{ title: string }> }>(path.join(dir, 'tables.json'));
        expect(tables.meta.runId).toBe(result.runId);
        expect(tables.tables).toHaveLength(result.tableCount);

        const titles = await workbookTableTitles(path.join(dir, 'crosstabs.xlsx'));
        expect(titles).toHaveLength(result.tableCount);
        expect([...titles].sort()).toEqual(tables.tables.map((t) => t.title).sort());

        const summary = readJson<PipelineSummary>(path.join(dir, 'pipeline-summary.json'));
        expect(summary.outcome).toBe('success');
        expect(summary.runId).toBe(result.runId);
        expect(summary.tableCount).toBe(result.tableCount);
        expect(Object.keys(summary.stageTiming).sort()).toEqual([...STAGE_NAMES].sort());
        for (const timing of Object.values(summary.stageTiming)) {
          expect(['ok', 'skipped']).toContain(timing.status);
          expect(timing.durationMs).toBeGreaterThanOrEqual(0);
        }
        const costCalls = Object.fromEntries(summary.costs.byAgent.map((a) => [a.agentName, a.calls]));
        expect(costCalls).toEqual(callsByAgent(line));
        expect(summary.costs.totalUsd).toBe(0);
        expect(summary.errors.count).toBe(summary.errors.records.length);
        expect(summary.errors.fatal).toBeNull();
        // Paths in the summary are relative to the output root, never absolute server paths.
        expect(summary.outputs.workbook).toBe(path.join(path.basename(dir), 'crosstabs.xlsx'));

        expect(readFileSync(path.join(dir, 'wide-event.json'), 'utf8')).toBe(`${result.canonicalLine}\n`);
      });

      it('emits a canonical line with all 11 stages and agent totals equal to the metrics records', () => {
        const { result, line } = solo[key]!;
        expect(line).toMatchObject({
          kind: 'pipeline.run',
          schemaVersion: 4,
          pipelineId: result.runId,
          dataset: key === 'brand' ? 'brand-tracker' : 'employee-pulse',
          outcome: 'success',
          source: 'cli',
        });
        expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
        expect(line.stages.map((s) => s.name).sort()).toEqual([...STAGE_NAMES].sort());
        expect(line.totals.stages).toBe(11);
        const skipped = line.stages
          .filter((s) => s.status === 'skipped')
          .map((s) => s.name)
          .sort();
        expect(skipped).toEqual(key === 'pulse' ? ['LoopSemanticsPolicyAgent', 'SkipLogicAgent'] : []);
        expect(line.stages.filter((s) => s.status === 'error')).toEqual([]);
        expect(line.totals.tableCount).toBe(result.tableCount);

        const sum = Object.values(line.agents).reduce((n, a) => n + a.calls, 0);
        expect(line.totals.agentCalls).toBe(sum);
        expect(line.totals.agentCalls).toBe(recordsOf(result.runId).length);
        expect(line.totals.agentCalls).toBeGreaterThan(key === 'brand' ? 25 : 10);
        expect(line.agentCalls).toHaveLength(Math.min(100, sum));
      });

      it('sends exactly one Sentry event and a span per stage and per agent call, in the trace of the line', async () => {
        const { line } = solo[key]!;
        await delivered(line);
        const events = eventsOf(line.pipelineId);
        expect(events).toHaveLength(1);
        expect((events[0]!.contexts as Record<string, { trace_id?: string }>).trace?.trace_id).toBe(line.traceId);
        const spans = spansOf(line.traceId!);
        expect(spans.filter((s) => s.name === 'pipeline.run')).toHaveLength(1);
        expect(spans.filter((s) => opOf(s) === 'pipeline.stage')).toHaveLength(11);
        expect(spans.filter((s) => opOf(s) === 'gen_ai.chat')).toHaveLength(line.totals.agentCalls);
      });
    });
  }

  it('runs side by side in one process keep their own agent calls, pipelineId and trace', async () => {
    const [a, b, c] = await Promise.all([run(BRAND), run(PULSE), run(BRAND)]);
    const runs = [
      [a!, solo.brand!],
      [b!, solo.pulse!],
      [c!, solo.brand!],
    ] as const;
    for (const [mine, reference] of runs) {
      expect(mine.result.outcome).toBe('success');
      expect(callsByAgent(mine.line)).toEqual(callsByAgent(reference.line));
      expect(mine.line.totals.agentCalls).toBe(reference.line.totals.agentCalls);
      expect(recordsOf(mine.result.runId)).toHaveLength(mine.line.totals.agentCalls);
      expect(mine.line.totals.tableCount).toBe(reference.line.totals.tableCount);
    }
    expect(new Set([a!, b!, c!].map((r) => r.line.pipelineId)).size).toBe(3);
    expect(new Set([a!, b!, c!, solo.brand!, solo.pulse!].map((r) => r.line.traceId)).size).toBe(5);

    for (const [mine] of runs) {
      await delivered(mine.line);
      const events = eventsOf(mine.line.pipelineId);
      expect(events).toHaveLength(1);
      const crumbs = ((events[0]!.breadcrumbs as Array<{ category?: string }> | undefined) ?? []).filter((x) => x.category === 'agent');
      expect(crumbs).toHaveLength(mine.line.totals.agentCalls);
      expect(spansOf(mine.line.traceId!).filter((s) => opOf(s) === 'gen_ai.chat')).toHaveLength(mine.line.totals.agentCalls);
    }
  });
});
