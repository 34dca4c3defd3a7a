import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import type { PipelineRunOptions } from '@/lib/pipeline/runOptions';
import { RunComputation } from '@/lib/pipeline/cpu/RunComputation';
import { openCpuStages, STAGE_WORKER_MIN_DECODED_BYTES } from '@/lib/pipeline/cpu/openCpuStages';
import { measureSav } from '@/lib/sav';
import { spawnTypeScriptWorker } from '@/lib/pipeline/cpu/spawnStageWorker';
import { endIdleStageWorkers, stageWorkerPool, type StageWorkerSource } from '@/lib/pipeline/cpu/stageWorkerPool';
import { WorkerCpuStages } from '@/lib/pipeline/cpu/WorkerCpuStages';
import type { StageWorkersMode } from '@/lib/settings/pipelineSettings';
import { captureCanonicalLines, EXAMPLES, parseLine, SAV_FIXTURES } from './pipelineHarness';

const CPU_CALLS = ['validate', 'buildDataMap', 'generateTables', 'computeCrosstabs', 'exportFiles'] as const;
let tmp: string;
let lines: ReturnType<typeof captureCanonicalLines>;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-stage-choice-'));
  lines = captureCanonicalLines();
});

afterEach(() => vi.restoreAllMocks());

afterAll(async () => {
  await endIdleStageWorkers();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function run(name: string, datasetDir: string, extra: Partial<PipelineRunOptions> = {}) {
  return runPipeline({ lineSink: lines.sink, inputs: { datasetDir }, outputDir: path.join(tmp, name), runId: name, source: 'cli', ...extra });
}

/** The process's pool, recording the thread id of every worker a run takes. */
function recordingPool(threads: number[]): StageWorkerSource {
  return {
    acquire: () => {
      const worker = stageWorkerPool.acquire();
      threads.push(worker.threadId);
      return worker;
    },
    release: stageWorkerPool.release,
  };
}

/** Spies on every CPU-bound stage as this thread would run it: a stage run in a worker never calls them here. */
function spyOnThisThread() {
  return CPU_CALLS.map((call) => vi.spyOn(RunComputation.prototype, call));
}

const decodedSizeOf = async (example: string) => (await measureSav(path.join(EXAMPLES, example, `${example}.sav`))).decodedBytes;

describe('where a run computes: STAGE_WORKERS and the size of its .sav', () => {
  it('the bundled examples are below the threshold: with the default setting they stay on the calling thread', async () => {
    for (const example of ['brand-tracker', 'commuter-survey', 'employee-pulse'])
      expect(await decodedSizeOf(example)).toBeLessThan(STAGE_WORKER_MIN_DECODED_BYTES);
  });

  // commuter-survey (96 KB decoded) is below a 150 KB threshold, brand-tracker (262 KB decoded) above it.
  it.each([
    ['auto', 'commuter-survey', false],
    ['auto', 'brand-tracker', true],
    ['always', 'commuter-survey', true],
    ['never', 'brand-tracker', false],
  ] as Array<[StageWorkersMode, string, boolean]>)('STAGE_WORKERS=%s, %s: in a worker thread is %s', async (mode, example, inWorker) => {
    const threads: number[] = [];
    const spies = spyOnThisThread();
    const name = `${mode}-${example}`;
    const result = await run(name, path.join(EXAMPLES, example), {
      cpuStages: (signal) => openCpuStages(signal, { mode, minDecodedBytes: 150_000, workers: recordingPool(threads) }),
    });
    expect(result.outcome).toBe('success');
    // In a worker: one thread (not this one) did all of it, and none of the stage code ran on this thread.
    expect(threads).toHaveLength(inWorker ? 1 : 0);
    if (inWorker) expect(threads[0]).not.toBe(0);
    for (const spy of spies) expect(spy).toHaveBeenCalledTimes(inWorker ? 0 : 1);
    // The spans and timings are the calling thread's, as before: one per stage, on the run's one line.
    const line = parseLine(lines.byRun(name)[0]);
    expect(
      line.stages
        .filter((s) => ['validation', 'DataMapProcessor', 'TableGenerator', 'CrosstabComputation', 'ExcelExport'].includes(s.name))
        .map((s) => s.status),
    ).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(result.stages.find((s) => s.name === 'CrosstabComputation')?.durationMs).toBeGreaterThan(0);
  });

  it('an unreadable .sav is the same input error in a worker as on the calling thread', async () => {
    const dir = path.join(tmp, 'not-spss');
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(SAV_FIXTURES, 'not-spss.sav'), path.join(dir, 'not-spss.sav'));
    const inWorker = await run('bad-worker', dir, { cpuStages: (signal) => openCpuStages(signal, { mode: 'always' }) });
    const inThread = await run('bad-thread', dir, { cpuStages: (signal) => openCpuStages(signal, { mode: 'never' }) });
    expect(inWorker.outcome).toBe('error');
    expect(inWorker.error).toEqual(inThread.error);
    expect(inWorker.error).toMatchObject({ type: 'PipelineInputError', stage: 'validation', file: expect.stringMatching(/not-spss\.sav$/) });
    const records = (name: string) =>
      readFileSync(path.join(tmp, name, 'errors.ndjson'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { classification: string; message: string });
    expect(records('bad-worker').map((r) => [r.classification, r.message])).toEqual(records('bad-thread').map((r) => [r.classification, r.message]));
  });

  it('a stage worker that cannot start fails the validation stage with a clear error, and the run still ends with its line', async () => {
    const released: boolean[] = [];
    const broken: StageWorkerSource = {
      acquire: () => spawnTypeScriptWorker(path.join(__dirname, 'no-such-worker.ts')),
      release: async (worker, reusable) => {
        released.push(reusable);
        await worker.terminate();
      },
    };
    const result = await run('no-worker', path.join(EXAMPLES, 'commuter-survey'), { cpuStages: (signal) => new WorkerCpuStages(signal, broken) });
    expect(result.outcome).toBe('error');
    expect(result.error).toMatchObject({ type: 'StageWorkerError', stage: 'validation' });
    expect(result.error?.message).toMatch(/^the stage worker crashed: /);
    expect(parseLine(lines.byRun('no-worker')[0])).toMatchObject({ outcome: 'error', error: { type: 'StageWorkerError', stage: 'validation' } });
    expect(released.every((r) => !r)).toBe(true);
  });
});
