import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Sentry from '@sentry/nextjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { getEventBus } from '@/lib/events/EventBus';
import { resetModelProvider, setModelProvider, type ModelCallRequest } from '@/lib/llm';
import { flushObservability, initObservability, type CanonicalLine } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import type { PipelineSummary } from '@/lib/pipeline/pipelineSummary';
import type { PipelineRunResult } from '@/lib/pipeline/runOptions';
import { STAGE_NAMES } from '@/lib/pipeline/types';
import { EnvelopeServer, type ReceivedSpan } from '../support/envelopeServer';
import {
  EXAMPLES,
  SAV_FIXTURES,
  TrackingProvider,
  captureCanonicalLines,
  captureMetricsRecords,
  drain,
  parseLine,
  readFailureRecords,
  workbookTableTitles,
} from './pipelineHarness';

let tmp: string;
let server: EnvelopeServer;
let lines: ReturnType<typeof captureCanonicalLines>;
let records: ReturnType<typeof captureMetricsRecords>;
let provider: TrackingProvider;

const BRAND = path.join(EXAMPLES, 'brand-tracker');
const PULSE = path.join(EXAMPLES, 'employee-pulse');

interface Run {
  result: PipelineRunResult;
  line: CanonicalLine;
  dir: string;
}

let seq = 0;
/** One in-process run with its own output folder; the canonical line is the one the stdout sink received. */
async function run(datasetDir: string, extra: { signal?: AbortSignal; runId?: string } = {}): Promise<Run> {
  seq += 1;
  const runId = extra.runId ?? `test-${path.basename(datasetDir)}-${seq}`;
  const dir = path.join(tmp, runId);
  const result = await runPipeline({ lineSink: lines.sink, inputs: { datasetDir }, outputDir: dir, runId, source: 'cli', signal: extra.signal });
  const printed = lines.byRun(runId);
  expect(printed, `exactly one canonical line for ${runId}`).toHaveLength(1);
  expect(printed[0]).toBe(result.canonicalLine);
  return { result, line: parseLine(printed[0]), dir };
}

/** A dataset folder made of copies (and optional banner/survey text). */
function dataset(name: string, files: Record<string, string>, texts: Record<string, string> = {}): string {
  const dir = path.join(tmp, 'inputs', name);
  mkdirSync(dir, { recursive: true });
  for (const [target, source] of Object.entries(files)) copyFileSync(source, path.join(dir, target));
  for (const [target, text] of Object.entries(texts)) writeFileSync(path.join(dir, target), text);
  return dir;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function callsByAgent(line: CanonicalLine): Record<string, number> {
  return Object.fromEntries(Object.entries(line.agents).map(([agent, r]) => [agent, r.calls]));
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-pipeline-'));
  server = await EnvelopeServer.start('ok');
  expect(initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
  lines = captureCanonicalLines();
  records = captureMetricsRecords();
});

afterEach(() => {
  resetModelProvider();
});

afterAll(async () => {
  lines?.restore();
  records?.restore();
  await Sentry.close(2000);
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The Sentry events of one run (by its pipeline_id tag). */
function eventsOf(runId: string): Array<Record<string, unknown>> {
  return server.events().filter((e) => (e.tags as Record<string, string> | undefined)?.pipeline_id === runId);
}

function spansOf(traceId: string): ReceivedSpan[] {
  return server.spans().filter((s) => s.trace_id === traceId);
}

function opOf(span: ReceivedSpan): unknown {
  const attributes = span.attributes as Record<string, { value: unknown } | undefined> | undefined;
  return attributes?.['sentry.op']?.value ?? span.op;
}

/** Flush, then wait until the run's event and all its spans (root + stages + gen_ai) arrived. */
async function delivered(line: CanonicalLine): Promise<void> {
  await flushObservability(5000);
  await server.waitFor(() => eventsOf(line.pipelineId).length >= 1 && spansOf(line.traceId!).length >= 1 + line.stages.length + line.totals.agentCalls, 10_000);
}

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
        expect(line).toMatchObject({ kind: 'pipeline.run', schemaVersion: 2, pipelineId: result.runId, dataset: key === 'brand' ? 'brand-tracker' : 'employee-pulse', outcome: 'success', source: 'cli' });
        expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
        expect(line.stages.map((s) => s.name).sort()).toEqual([...STAGE_NAMES].sort());
        expect(line.totals.stages).toBe(11);
        const skipped = line.stages.filter((s) => s.status === 'skipped').map((s) => s.name).sort();
        expect(skipped).toEqual(key === 'pulse' ? ['LoopSemanticsPolicyAgent', 'SkipLogicAgent'] : []);
        expect(line.stages.filter((s) => s.status === 'error')).toEqual([]);
        expect(line.totals.tableCount).toBe(result.tableCount);

        const sum = Object.values(line.agents).reduce((n, a) => n + a.calls, 0);
        expect(line.totals.agentCalls).toBe(sum);
        expect(line.totals.agentCalls).toBe(records.byRun(result.runId).length);
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
      expect(records.byRun(mine.result.runId)).toHaveLength(mine.line.totals.agentCalls);
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
    const r = await run(path.join(tmp, 'inputs', 'does-not-exist'));
    expectInputError(r, 'validation', 'does-not-exist');
    expect(r.line.totals.agentCalls).toBe(0);
  });

  it('an empty .sav is an input error at validation', async () => {
    const r = await run(dataset('empty', { 'empty.sav': path.join(SAV_FIXTURES, 'empty.sav') }));
    expectInputError(r, 'validation', 'empty.sav');
  });

  it('a banner naming an unknown variable is an input error at CrosstabAgent', async () => {
    const dir = dataset('unknown-banner', { 'employee-pulse.sav': path.join(PULSE, 'employee-pulse.sav') }, { 'banner.md': '# Banner\n\n## Bogus\n- Col A: NOSUCHVAR=1\n- Col B: NOSUCHVAR=2\n' });
    const r = await run(dir);
    expectInputError(r, 'CrosstabAgent', 'NOSUCHVAR');
    expect(r.line.error?.message).toContain('banner.md');
    expect(r.line.stages.find((s) => s.name === 'CrosstabAgent')?.status).toBe('error');
    expect(r.line.totals.agentCalls).toBe(records.byRun(r.result.runId).length);
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
      if (e.runId === runId) recordedAtFinish = records.byRun(runId).length;
    });
    try {
      const r = await run(datasetDir, { signal: controller.signal, runId });
      expect(controller.signal.aborted).toBe(true);
      // Everything the model layer was still doing settles; none of it may be recorded for the finished run.
      await tracking.idle();
      await drain();
      expect(recordedAtFinish).toBeGreaterThanOrEqual(0);
      expect(records.byRun(runId)).toHaveLength(recordedAtFinish);
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
          await new Promise<void>((_, reject) => req.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true }));
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
    expect(r.line.totals.agentCalls).toBe(records.byRun(r.result.runId).length);
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
    const ids = lines.all.map((l) => (JSON.parse(l) as { pipelineId: string }).pipelineId);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
