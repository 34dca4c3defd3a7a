import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEventBus } from '@/lib/events/EventBus';
import { setModelProvider, type ModelCallRequest } from '@/lib/llm';
import type { PipelineSummary } from '@/lib/pipeline/pipelineSummary';
import type { ReceivedSpan } from '../support/envelopeServer';
import { SAV_FIXTURES, TrackingProvider, drain, readFailureRecords, workbookTableTitles } from './pipelineHarness';
import { BRAND, PULSE, allLines, dataset, delivered, eventsOf, opOf, readJson, recordsOf, run, setupPipelineRuns, spansOf, type Run } from './pipelineRuns';

setupPipelineRuns();
let seq = 0;

describe('every exit path finishes exactly one wide event', () => {
  function expectInputError(r: Run, stage: string, fileHint: string): void {
    expect(r.result.outcome).toBe('error');
    expect(r.line.outcome).toBe('error');
    expect(r.line.error?.type).toBe('PipelineInputError');
    expect(r.line.error?.stage).toBe(stage);
    expect(r.result.error?.stage).toBe(stage);
    expect(r.line.error?.message).toContain(fileHint);
    const fatal = readFailureRecords(r.dir).filter((x) => x.severity === 'fatal');
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ classification: 'input', actionTaken: 'aborted-run', stage });
    expect(existsSync(path.join(r.dir, 'crosstabs.xlsx'))).toBe(false);
    expect(existsSync(path.join(r.dir, 'tables.json'))).toBe(false);
    const summary = readJson<PipelineSummary>(path.join(r.dir, 'pipeline-summary.json'));
    expect(summary.outcome).toBe('error');
    expect(summary.errors.fatal?.stage).toBe(stage);
    expect(readFileSync(path.join(r.dir, 'wide-event.json'), 'utf8')).toBe(`${r.result.canonicalLine}\n`);
  }

  it('a missing dataset folder is an input error at validation', async () => {
    const r = await run(path.join(path.dirname(dataset('anchor', {})), 'does-not-exist'));
    expectInputError(r, 'validation', 'does-not-exist');
    expect(r.line.totals.agentCalls).toBe(0);
  });

  it('an empty .sav is an input error at validation', async () => {
    const r = await run(dataset('empty', { 'empty.sav': path.join(SAV_FIXTURES, 'empty.sav') }));
    expectInputError(r, 'validation', 'empty.sav');
  });

  it('a banner naming an unknown variable is an input error at CrosstabAgent', async () => {
    const dir = dataset(
      'unknown-banner',
      { 'employee-pulse.sav': path.join(PULSE, 'employee-pulse.sav') },
      { 'banner.md': '# Banner\n\n## Bogus\n- Col A: NOSUCHVAR=1\n- Col B: NOSUCHVAR=2\n' },
    );
    const r = await run(dir);
    expectInputError(r, 'CrosstabAgent', 'NOSUCHVAR');
    expect(r.line.error?.message).toContain('banner.md');
    expect(r.line.stages.find((s) => s.name === 'CrosstabAgent')?.status).toBe('error');
    expect(r.line.totals.agentCalls).toBe(recordsOf(r.result.runId).length);
  });

  /** Run with a signal aborted from an event-bus listener; check nothing of the run outlives its finish. */
  async function cancelledRun(datasetDir: string, abortWhen: 'CrosstabAgent' | 'first-agent-call'): Promise<Run> {
    const tracking = new TrackingProvider();
    setModelProvider(tracking);
    const controller = new AbortController();
    const runId = `cancel-${abortWhen}-${++seq}`;
    const bus = getEventBus();
    const offs = [
      bus.on('stage:start', (e) => {
        if (abortWhen === 'CrosstabAgent' && e.runId === runId && e.stage === 'CrosstabAgent') controller.abort();
      }),
      bus.on('agent:progress', (e) => {
        if (abortWhen === 'first-agent-call' && e.runId === runId) controller.abort();
      }),
    ];
    let recordedAtFinish = -1;
    const offFinish = bus.on('pipeline:failed', (e) => {
      if (e.runId === runId) recordedAtFinish = recordsOf(runId).length;
    });
    try {
      const r = await run(datasetDir, { signal: controller.signal, runId });
      expect(controller.signal.aborted).toBe(true);
      // Everything the model layer was still doing settles; none of it may be recorded for the finished run.
      await tracking.idle();
      await drain();
      expect(recordedAtFinish).toBeGreaterThanOrEqual(0);
      expect(recordsOf(runId)).toHaveLength(recordedAtFinish);
      expect(r.line.totals.agentCalls).toBe(recordedAtFinish);
      // Only the call whose start triggered the abort may reach the model after it; no new call starts.
      expect(tracking.startedAfterAbort).toBeLessThanOrEqual(abortWhen === 'first-agent-call' ? 1 : 0);
      return r;
    } finally {
      for (const off of [...offs, offFinish]) off();
    }
  }

  function expectCancelled(r: Run): void {
    expect(r.result.outcome).toBe('cancelled');
    expect(r.line.outcome).toBe('cancelled');
    expect(existsSync(path.join(r.dir, 'crosstabs.xlsx'))).toBe(false);
    expect(existsSync(path.join(r.dir, 'tables.json'))).toBe(false);
    const summary = readJson<PipelineSummary>(path.join(r.dir, 'pipeline-summary.json'));
    expect(summary.outcome).toBe('cancelled');
    expect(summary.tableCount).toBe(0);
    expect(summary.outputs).toEqual({ tables: null, workbook: null });
    expect(summary.errors.fatal).toBeNull();
    const cancelled = readFailureRecords(r.dir).filter((x) => x.classification === 'cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.severity).toBe('warning');
  }

  it('cancelling when the CrosstabAgent stage starts ends the run as cancelled, with no workbook', async () => {
    const r = await cancelledRun(BRAND, 'CrosstabAgent');
    expectCancelled(r);
    expect(r.line.stages.find((s) => s.name === 'CrosstabAgent')?.status).toBe('cancelled');
    expect(r.line.stages.some((s) => s.name === 'ExcelExport')).toBe(false);
    await delivered(r.line);
    const events = eventsOf(r.result.runId);
    expect(events).toHaveLength(1);
    expect(events[0]!.level).not.toBe('error');
    expect((events[0]!.tags as Record<string, string>).outcome).toBe('cancelled');
  });

  it('cancelling at the first agent call ends the run as cancelled, with no workbook', async () => {
    const r = await cancelledRun(PULSE, 'first-agent-call');
    expectCancelled(r);
    expect(r.line.totals.agentCalls).toBeLessThanOrEqual(1);
  });

  it('a failing BannerAgent ends the run at BannerAgent; a sibling stopped because of it is cancelled, not failed', async () => {
    // SkipLogicAgent's call is held until the run aborts it; BannerAgent fails once that call is in flight.
    let skipStarted!: () => void;
    const skipRunning = new Promise<void>((resolve) => (skipStarted = resolve));
    const local = new TrackingProvider();
    setModelProvider({
      name: local.name,
      model: local.model,
      priced: local.priced,
      async generate<T>(req: ModelCallRequest<T>) {
        if (req.agent === 'SkipLogicAgent') {
          skipStarted();
          await new Promise<void>((_, reject) =>
            req.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true }),
          );
        }
        if (req.agent === 'BannerAgent') {
          await skipRunning;
          throw new Error('model unavailable for BannerAgent');
        }
        return local.generate(req);
      },
    });
    const r = await run(BRAND);
    expect(r.result.outcome).toBe('error');
    expect(r.line.outcome).toBe('error');
    expect(r.line.error?.stage).toBe('BannerAgent');
    const status = Object.fromEntries(r.line.stages.map((s) => [s.name, s.status]));
    expect(status.BannerAgent).toBe('error');
    expect(status.SkipLogicAgent).toBe('cancelled');
    expect(r.line.stages.filter((s) => s.status === 'error').map((s) => s.name)).toEqual(['BannerAgent']);
    expect(r.line.stages.find((s) => s.name === 'SkipLogicAgent')?.reason).toBe('stopped because another stage failed');
    const summary = readJson<PipelineSummary>(path.join(r.dir, 'pipeline-summary.json'));
    expect(summary.stageTiming.SkipLogicAgent?.status).toBe('cancelled');
    expect(summary.errors.fatal?.stage).toBe('BannerAgent');

    await delivered(r.line);
    const spans = spansOf(r.line.traceId!);
    const stageSpan = (name: string) => spans.find((s) => opOf(s) === 'pipeline.stage' && s.name === name)!;
    const attrs = (s: ReceivedSpan) => s.attributes as Record<string, { value: unknown }>;
    expect(stageSpan('BannerAgent').status).toBe('error');
    const skip = stageSpan('SkipLogicAgent');
    expect(attrs(skip)['crosstab.stage.status']?.value).toBe('cancelled');
    expect(attrs(skip)['sentry.status.message']?.value).toBe('cancelled');
    expect(attrs(skip)['sentry.cancellation_reason']?.value).toBe('stopped because another stage failed');
    const root = spans.find((s) => opOf(s) === 'pipeline.run')!;
    expect(attrs(root)['crosstab.run.outcome']?.value).toBe('error');
    expect(attrs(root)['crosstab.run.stages_error']?.value).toBe(1);
    expect(attrs(root)['crosstab.run.stages_cancelled']?.value).toBe(r.line.stages.filter((s) => s.status === 'cancelled').length);
  });

  it('a failing VerificationAgent degrades the run to partial and the workbook is still written', async () => {
    const tracking = new TrackingProvider(undefined, new Set(['VerificationAgent']));
    setModelProvider(tracking);
    const r = await run(BRAND);
    expect(r.result.outcome).toBe('partial');
    expect(r.line.outcome).toBe('partial');
    expect(r.line.stages.find((s) => s.name === 'VerificationAgent')).toMatchObject({ status: 'error' });
    expect(r.line.stages.filter((s) => s.status === 'error').map((s) => s.name)).toEqual(['VerificationAgent']);
    expect(r.line.agents.VerificationAgent?.errors).toBeGreaterThan(0);
    expect(r.line.totals.agentCalls).toBe(recordsOf(r.result.runId).length);
    const titles = await workbookTableTitles(path.join(r.dir, 'crosstabs.xlsx'));
    expect(titles).toHaveLength(r.result.tableCount);
    expect(r.result.tableCount).toBeGreaterThan(0);
    const summary = readJson<PipelineSummary>(path.join(r.dir, 'pipeline-summary.json'));
    expect(summary.outcome).toBe('partial');
    expect(summary.errors.fatal).toBeNull();
    const skipped = readFailureRecords(r.dir).filter((x) => x.actionTaken === 'skipped-stage');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ stage: 'VerificationAgent', severity: 'error', classification: 'agent' });
    await delivered(r.line);
    expect(eventsOf(r.result.runId)).toHaveLength(1);
  });

  it('no run printed more than one canonical line', () => {
    const ids = allLines().map((l) => (JSON.parse(l) as { pipelineId: string }).pipelineId);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
