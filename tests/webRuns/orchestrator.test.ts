import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EventBus } from '@/lib/events/EventBus';
import { PipelineOrchestrator, type RunPipelineFn } from '@/lib/webRuns/pipelineOrchestrator';
import { RunQueue } from '@/lib/webRuns/runQueue';
import { estimateRunMemory } from '@/lib/webRuns/memoryBudget';
import { repeatedCodes, savBytes } from '../support/savBytes';
import type { PipelineRunOptions, PipelineRunResult } from '@/lib/pipeline/runOptions';
import type { RunRecord } from '@/lib/db/RunRecord';
import { changes } from '../support/deadline';
import { tempDir } from '../support/webInputs';
import { memoryStore } from '../support/memoryStore';

interface Pending {
  options: PipelineRunOptions;
  finish: (result: Partial<PipelineRunResult>) => void;
  fail: (err: unknown) => void;
}

/** A fake runner whose runs finish when the test says so; a run whose signal aborts ends as cancelled, as the real runner does. */
function fakeRunner() {
  const pending = new Map<string, Pending>();
  const started: string[] = [];
  const starts = changes();
  const runPipeline: RunPipelineFn = (options) =>
    new Promise<PipelineRunResult>((resolve, reject) => {
      const runId = options.runId!;
      started.push(runId);
      // As the real runner does, the run's line is settled (it reaches the record through the record's line sink).
      const finish = (r: Partial<PipelineRunResult>) => {
        const error = r.error ? Object.assign(new Error(r.error.message), { name: r.error.type }) : undefined;
        const end = { outcome: r.outcome ?? 'success', ...(error ? { error } : {}), ...(r.error?.stage ? { failedStage: r.error.stage } : {}) };
        const canonicalLine = options.observability?.finish(end) ?? '';
        resolve({
          runId,
          outcome: 'success',
          outputDir: null,
          tableCount: 0,
          durationMs: 5,
          stageTiming: {},
          stages: [],
          canonicalLine,
          ...r,
        });
      };
      pending.set(runId, { options, finish, fail: reject });
      options.signal?.addEventListener('abort', () => finish({ outcome: 'cancelled', error: { type: 'AbortError', message: 'cancelled' } }));
      starts.changed();
    });
  const startedCount = (n: number) => starts.until(() => started.length >= n, `${n} runs started`);
  return { runPipeline, pending, started, startedCount };
}

async function setup(maxConcurrent = 2, memoryBudgetBytes?: number) {
  const { runs } = await memoryStore();
  const bus = new EventBus();
  const fake = fakeRunner();
  const outputRoot = tempDir();
  const budget = memoryBudgetBytes === undefined ? {} : { memoryBudgetBytes };
  const orchestrator = new PipelineOrchestrator({ runPipeline: fake.runPipeline, runs, bus, maxConcurrent, outputRoot, now: () => 1_000, ...budget });
  const create = async (id: string, savPath = '/x.sav') => {
    await runs.create({ id, orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'example', inputDir: null });
    return orchestrator.runPipelineFromUpload({ runId: id, orgId: 'acme', userId: 'u1', inputs: { datasetName: 'ds', savPath } });
  };
  const status = async (id: string) => (await runs.get(id, 'acme'))?.status;
  return { runs, bus, fake, orchestrator, create, status, outputRoot };
}

describe('RunQueue', () => {
  it('never runs more than the limit at once and survives failing tasks', async () => {
    const queue = new RunQueue(2);
    let active = 0;
    let peak = 0;
    const task = (fail: boolean) => async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setImmediate(r));
      active--;
      if (fail) throw new Error('boom');
    };
    await Promise.all([queue.enqueue('a', task(true)), queue.enqueue('b', task(false)), queue.enqueue('c', task(true)), queue.enqueue('d', task(false))]);
    expect(peak).toBe(2);
    expect(queue.runningIds()).toEqual([]);
  });
});

describe('PipelineOrchestrator', () => {
  it('runs up to the limit concurrently and keeps extra runs queued until a slot frees', async () => {
    const { fake, create, status } = await setup(2);
    const done = [create('r1'), create('r2'), create('r3')];
    await fake.startedCount(2);
    expect(fake.started).toEqual(['r1', 'r2']);
    expect([await status('r1'), await status('r2'), await status('r3')]).toEqual(['running', 'running', 'queued']);
    fake.pending.get('r1')!.finish({});
    await done[0];
    await fake.startedCount(3);
    expect(await status('r3')).toBe('running');
    fake.pending.get('r2')!.finish({});
    fake.pending.get('r3')!.finish({});
    const finals = await Promise.all(done);
    expect(finals.map((r) => r?.status)).toEqual(['success', 'success', 'success']);
  });

  it('starts a run only when its memory (from the decoded size of its .sav) fits beside the running ones', async () => {
    const dir = tempDir();
    // A few KB of ZLIB each, 8 MB decoded: two of them do not fit in a 100 MiB budget together, one beside a small run does.
    const big = (name: string) => {
      const file = path.join(dir, `${name}.sav`);
      writeFileSync(file, savBytes({ variables: 1, declaredCases: 1_000_000, codes: repeatedCodes(1_000_000, 1), compression: 'zlib' }));
      return file;
    };
    const small = path.join(dir, 'small.sav');
    writeFileSync(small, savBytes({ variables: 1, declaredCases: 10, codes: repeatedCodes(10, 1), compression: 'zlib' }));
    const MIB = 1024 * 1024;
    const [bigNeeds, smallNeeds] = await Promise.all([estimateRunMemory(big('probe')), estimateRunMemory(small)]);
    expect(2 * bigNeeds).toBeGreaterThan(100 * MIB);
    expect(bigNeeds + smallNeeds).toBeLessThanOrEqual(100 * MIB);

    const { fake, create, status, orchestrator } = await setup(3, 100 * MIB);
    const done = [create('big-1', big('b1')), create('big-2', big('b2')), create('small', small)];
    await fake.startedCount(1);
    // The second big run waits for memory, and the small one behind it waits in line (it never overtakes): all three
    // have reached the queue once each has its publish span's record write settled.
    await Promise.all(['big-1', 'big-2', 'small'].map((id) => orchestrator.settled(id)));
    await new Promise((r) => setImmediate(r));
    expect(fake.started).toEqual(['big-1']);
    expect([await status('big-2'), await status('small')]).toEqual(['queued', 'queued']);
    fake.pending.get('big-1')!.finish({});
    await fake.startedCount(3);
    expect(fake.started).toEqual(['big-1', 'big-2', 'small']);
    fake.pending.get('big-2')!.finish({});
    fake.pending.get('small')!.finish({});
    expect((await Promise.all(done)).map((r) => r?.status)).toEqual(['success', 'success', 'success']);
  });

  it('without a memory budget, runs up to the limit whatever their size', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.sav');
    writeFileSync(file, savBytes({ variables: 1, declaredCases: 1_000_000, codes: repeatedCodes(1_000_000, 1), compression: 'zlib' }));
    const { fake, create } = await setup(2);
    const done = [create('a', file), create('b', file)];
    await fake.startedCount(2);
    for (const id of ['a', 'b']) fake.pending.get(id)!.finish({});
    await Promise.all(done);
  });

  it('passes web identity, its own run id and output folder to the pipeline', async () => {
    const { fake, create, outputRoot } = await setup();
    const done = create('r1');
    await fake.startedCount(1);
    expect(fake.pending.get('r1')!.options).toMatchObject({
      source: 'web',
      orgId: 'acme',
      userId: 'u1',
      runId: 'r1',
      outputDir: path.join(outputRoot, 'acme', 'r1'),
    });
    fake.pending.get('r1')!.finish({});
    await done;
  });

  it('tracks stage progress from its own run’s events only, then stores the result', async () => {
    const { fake, bus, create, runs, orchestrator } = await setup();
    const seen: RunRecord[] = [];
    orchestrator.subscribe('r1', (r) => seen.push(r));
    const done = [create('r1'), create('r2')];
    await fake.startedCount(2);
    const validating = { name: 'validation', status: 'running' as const, startOffsetMs: 0 };
    const validated = { ...validating, status: 'ok' as const, durationMs: 12.4, endOffsetMs: 12.4 };
    const mapping = { name: 'DataMapProcessor', status: 'running' as const, startOffsetMs: 13 };
    bus.emit('stage:start', { runId: 'r1', stage: 'validation', index: 1, total: 4, stages: [validating], at: 1 });
    bus.emit('stage:complete', { runId: 'r1', stage: 'validation', status: 'ok', durationMs: 12.4, stages: [validated], at: 2 });
    bus.emit('stage:start', { runId: 'r1', stage: 'DataMapProcessor', index: 2, total: 4, stages: [validated, mapping], at: 3 });
    bus.emit('stage:start', {
      runId: 'r2',
      stage: 'ExcelExport',
      index: 4,
      total: 4,
      stages: [{ name: 'ExcelExport', status: 'running', startOffsetMs: 0 }],
      at: 3,
    });
    await Promise.all([orchestrator.settled('r1'), orchestrator.settled('r2')]);
    expect(await runs.get('r1', 'acme')).toMatchObject({
      stage: 'DataMapProcessor',
      progress: 0.25,
      stages: [
        { name: 'validation', status: 'ok', durationMs: 12 },
        { name: 'DataMapProcessor', status: 'running' },
      ],
    });
    expect(await runs.get('r2', 'acme')).toMatchObject({ stage: 'ExcelExport', progress: 0.75 });
    expect(seen.map((r) => r.stage)).toContain('DataMapProcessor');
    expect(seen.every((r) => r.id === 'r1')).toBe(true);

    const outputDir = fake.pending.get('r1')!.options.outputDir!;
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(path.join(outputDir, 'crosstabs.xlsx'), 'x');
    writeFileSync(path.join(outputDir, 'tables.json'), '[]');
    fake.pending.get('r1')!.finish({ outputDir, tableCount: 7, durationMs: 321, stages: [validated, { ...mapping, status: 'ok', durationMs: 40 }] });
    fake.pending.get('r2')!.finish({ outcome: 'error', error: { type: 'PipelineInputError', message: 'no such variable Q9', stage: 'CrosstabAgent' } });
    const [r1, r2] = await Promise.all(done);
    expect(r1).toMatchObject({
      status: 'success',
      outcome: 'success',
      progress: 1,
      tableCount: 7,
      durationMs: 321,
      error: null,
      workbookPath: path.join(outputDir, 'crosstabs.xlsx'),
      tablesPath: path.join(outputDir, 'tables.json'),
      canonicalLine: expect.stringContaining('"pipelineId":"r1"'),
    });
    expect(r1?.stages.find((s) => s.name === 'DataMapProcessor')).toEqual({ name: 'DataMapProcessor', status: 'ok', startOffsetMs: 13, durationMs: 40 });
    expect(r2).toMatchObject({
      status: 'error',
      outcome: 'error',
      workbookPath: null,
      error: { type: 'PipelineInputError', message: 'no such variable Q9', stage: 'CrosstabAgent' },
    });
  });

  it('cancels a queued run without starting it, and aborts a running one', async () => {
    const { fake, create, status, orchestrator } = await setup(1);
    const done = [create('r1'), create('r2')];
    await fake.startedCount(1);
    expect(await orchestrator.cancel('r2')).toBe('dequeued');
    await orchestrator.settled('r2');
    expect(await status('r2')).toBe('cancelled');
    expect(await orchestrator.cancel('r1')).toBe('aborting');
    expect(fake.pending.get('r1')!.options.signal!.aborted).toBe(true);
    const [r1, r2] = await Promise.all(done);
    expect(r1).toMatchObject({ status: 'cancelled', outcome: 'cancelled', error: null });
    expect(r2?.status).toBe('cancelled');
    expect(fake.started).toEqual(['r1']);
    expect(await orchestrator.cancel('r1')).toBe('not-active');
  });

  it('turns a throwing runner into an error record, never a rejection, and keeps serving', async () => {
    const { fake, create, status } = await setup(1);
    const first = create('r1');
    const second = create('r2');
    await fake.startedCount(1);
    fake.pending.get('r1')!.fail(new TypeError('runner exploded'));
    await expect(first).resolves.toMatchObject({ status: 'error', error: { type: 'TypeError', message: 'runner exploded' } });
    await fake.startedCount(2);
    expect(await status('r2')).toBe('running');
    fake.pending.get('r2')!.finish({});
    await expect(second).resolves.toMatchObject({ status: 'success' });
  });

  it('shows the stages as the run reports them: a stage stopped by the cancel is cancelled, not failed', async () => {
    const { fake, bus, create, orchestrator, runs } = await setup(1);
    const done = create('r1');
    await fake.startedCount(1);
    const validated = { name: 'validation', status: 'ok' as const, startOffsetMs: 0, durationMs: 5, endOffsetMs: 5 };
    bus.emit('stage:start', { runId: 'r1', stage: 'validation', index: 1, total: 11, stages: [{ ...validated, status: 'running' }], at: 1 });
    bus.emit('stage:complete', { runId: 'r1', stage: 'validation', status: 'ok', durationMs: 5, stages: [validated], at: 2 });
    bus.emit('stage:start', {
      runId: 'r1',
      stage: 'DataMapProcessor',
      index: 2,
      total: 11,
      stages: [validated, { name: 'DataMapProcessor', status: 'running', startOffsetMs: 5 }],
      at: 3,
    });
    bus.emit('stage:failed', {
      runId: 'r1',
      stage: 'DataMapProcessor',
      error: 'cancelled',
      cancelled: true,
      durationMs: 7,
      stages: [validated, { name: 'DataMapProcessor', status: 'cancelled', startOffsetMs: 5, durationMs: 7, reason: 'run cancelled' }],
      at: 4,
    });
    await orchestrator.settled('r1');
    expect((await runs.get('r1', 'acme'))?.stages).toEqual([
      { name: 'validation', status: 'ok', startOffsetMs: 0, durationMs: 5 },
      { name: 'DataMapProcessor', status: 'cancelled', startOffsetMs: 5, durationMs: 7 },
    ]);
    void orchestrator.cancel('r1');
    const run = await done;
    expect(run).toMatchObject({ status: 'cancelled', error: null, stage: 'DataMapProcessor' });
  });

  it('cancels through the caller’s signal too', async () => {
    const { fake, runs, orchestrator } = await setup(1);
    await runs.create({ id: 'r1', orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'example', inputDir: null });
    const controller = new AbortController();
    const done = orchestrator.runPipelineFromUpload({
      runId: 'r1',
      orgId: 'acme',
      userId: 'u1',
      inputs: { datasetName: 'ds', savPath: '/x.sav' },
      signal: controller.signal,
    });
    await fake.startedCount(1);
    controller.abort();
    await expect(done).resolves.toMatchObject({ status: 'cancelled' });
  });
});
