import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEventBus } from '@/lib/events/EventBus';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import type { PipelineRunOptions } from '@/lib/pipeline/runOptions';
import { RunComputation } from '@/lib/pipeline/cpu/RunComputation';
import { WorkerCpuStages } from '@/lib/pipeline/cpu/WorkerCpuStages';
import { spawnTypeScriptWorker } from '@/lib/pipeline/cpu/spawnStageWorker';
import { endIdleStageWorkers, stageWorkerPool, type StageWorkerSource } from '@/lib/pipeline/cpu/stageWorkerPool';
import { writeWideSav } from '../e2e/wideDataset';
import { captureCanonicalLines, EXAMPLES, parseLine } from './pipelineHarness';

const PSPP = process.env.PSPP_BIN ?? '/usr/bin/pspp';
const MISBEHAVING_WORKER = path.join(__dirname, 'misbehavingStageWorker.ts');
let tmp: string;
let lines: ReturnType<typeof captureCanonicalLines>;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'crosstab-stage-worker-'));
  lines = captureCanonicalLines();
});

afterAll(async () => {
  await endIdleStageWorkers();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function run(name: string, datasetDir: string, extra: Partial<PipelineRunOptions> = {}) {
  return runPipeline({ lineSink: lines.sink, inputs: { datasetDir }, outputDir: path.join(tmp, name), runId: name, source: 'cli', ...extra });
}

/** tables.json without the time it was written (the only thing two runs of one dataset may differ in). */
function tablesJson(dir: string): string {
  return readFileSync(path.join(dir, 'tables.json'), 'utf8').replace(/"generatedAt": "[^"]+"/, '"generatedAt": "<time>"');
}

/** The process's pool, recording the thread of every worker a run takes. */
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

describe('the CPU-bound stages in a worker thread', () => {
  it.each(readdirSync(EXAMPLES))('%s: tables.json is byte-equal to the one computed on the calling thread', async (example) => {
    const dir = path.join(EXAMPLES, example);
    // The same run id for both, so that only the time differs in what they write.
    const inWorker = await run(`same-${example}`, dir, { outputDir: path.join(tmp, `worker-${example}`) });
    const inline = await run(`same-${example}`, dir, { outputDir: path.join(tmp, `inline-${example}`), cpuStages: (signal) => new RunComputation(signal) });
    expect(inWorker.outcome).toBe(inline.outcome);
    expect(inWorker.tableCount).toBe(inline.tableCount);
    expect(tablesJson(path.join(tmp, `worker-${example}`))).toBe(tablesJson(path.join(tmp, `inline-${example}`)));
  });

  it('a run that ended cleanly hands its worker to the next run; a cancelled run does not', async () => {
    const threads: number[] = [];
    const dir = path.join(EXAMPLES, 'commuter-survey');
    await endIdleStageWorkers();
    const first = await run('reuse-1', dir, { cpuStages: (signal) => new WorkerCpuStages(signal, recordingPool(threads)) });
    const second = await run('reuse-2', dir, { cpuStages: (signal) => new WorkerCpuStages(signal, recordingPool(threads)) });
    const controller = new AbortController();
    const onStart = (e: { runId: string; stage: string }) => {
      if (e.runId === 'reuse-3' && e.stage === 'TableGenerator') controller.abort();
    };
    const stopListening = getEventBus().on('stage:start', onStart);
    const cancelled = await run('reuse-3', dir, {
      signal: controller.signal,
      cpuStages: (signal) => new WorkerCpuStages(signal, recordingPool(threads)),
    }).finally(stopListening);
    const fourth = await run('reuse-4', dir, { cpuStages: (signal) => new WorkerCpuStages(signal, recordingPool(threads)) });
    expect([first.outcome, second.outcome, cancelled.outcome, fourth.outcome]).toEqual(['success', 'success', 'cancelled', 'success']);
    expect(threads).toHaveLength(4);
    expect(threads[1]).toBe(threads[0]);
    expect(threads[2]).toBe(threads[0]);
    expect(threads[3]).not.toBe(threads[2]);
  });

  /** A source of workers that misbehave in CrosstabComputation; records whether each was handed back as reusable. */
  function misbehaving(fault: 'throw' | 'exit' | 'hang' | 'oom', reusable: boolean[]): StageWorkerSource {
    return {
      // A small heap, so that the runaway reaches its limit in a moment.
      acquire: () => spawnTypeScriptWorker(MISBEHAVING_WORKER, { fault }, fault === 'oom' ? { maxOldGenerationSizeMb: 64 } : undefined),
      release: async (worker, asReusable) => {
        reusable.push(asReusable);
        await worker.terminate();
      },
    };
  }

  describe.each(['throw', 'exit'] as const)('a worker that crashes in CrosstabComputation (%s)', (fault) => {
    it('is an error of that stage: the run ends with its one line, no workbook, and nothing hangs', async () => {
      const reusable: boolean[] = [];
      const name = `crash-${fault}`;
      const result = await run(name, path.join(EXAMPLES, 'commuter-survey'), {
        cpuStages: (signal) => new WorkerCpuStages(signal, misbehaving(fault, reusable)),
      });
      expect(result.outcome).toBe('error');
      expect(result.error).toMatchObject({ type: 'StageWorkerError', stage: 'CrosstabComputation' });
      expect(result.error?.message).toMatch(fault === 'exit' ? /stopped unexpectedly \(exit code 7\)/ : /crashed: stage worker blew up/);
      const line = parseLine(lines.byRun(name)[0]);
      expect(line.stages.find((s) => s.name === 'CrosstabComputation')?.status).toBe('error');
      expect(line.error).toMatchObject({ type: 'StageWorkerError', stage: 'CrosstabComputation' });
      expect(lines.byRun(name)).toHaveLength(1);
      expect(existsSync(path.join(tmp, name, 'crosstabs.xlsx'))).toBe(false);
      expect(existsSync(path.join(tmp, name, 'pipeline-summary.json'))).toBe(true);
      // A crashed thread is never kept for another run.
      expect(reusable.every((r) => !r)).toBe(true);
    });
  });

  it('a worker that runs out of memory ends its run as an error naming the cause, with its line, and this process goes on', async () => {
    const reusable: boolean[] = [];
    const result = await run('oom', path.join(EXAMPLES, 'commuter-survey'), {
      cpuStages: (signal) => new WorkerCpuStages(signal, misbehaving('oom', reusable)),
    });
    expect(result.outcome).toBe('error');
    expect(result.error).toMatchObject({ type: 'StageWorkerError', stage: 'CrosstabComputation' });
    expect(result.error?.message).toMatch(/^the stage worker ran out of memory \(its heap limit is \d+ MiB, set from SAV_MAX_DECODED_MB\)$/);
    expect(lines.byRun('oom')).toHaveLength(1);
    expect(parseLine(lines.byRun('oom')[0]).error).toMatchObject({ type: 'StageWorkerError', stage: 'CrosstabComputation' });
    // This thread is untouched: another run goes on as usual.
    expect((await run('after-oom', path.join(EXAMPLES, 'commuter-survey'))).outcome).toBe('success');
  });

  it('a worker that cannot even read the cancel (busy in CrosstabComputation) is terminated: the run still ends cancelled', async () => {
    const controller = new AbortController();
    const stopListening = getEventBus().on('stage:start', (e) => {
      if (e.runId === 'hung-cancel' && e.stage === 'CrosstabComputation') setImmediate(() => controller.abort());
    });
    const reusable: boolean[] = [];
    const result = await run('hung-cancel', path.join(EXAMPLES, 'commuter-survey'), {
      signal: controller.signal,
      cpuStages: (signal) => new WorkerCpuStages(signal, misbehaving('hang', reusable)),
    }).finally(stopListening);
    expect(reusable.every((r) => !r)).toBe(true);
    expect(result.outcome).toBe('cancelled');
    expect(result.stages.find((s) => s.name === 'CrosstabComputation')?.status).toBe('cancelled');
    expect(parseLine(lines.byRun('hung-cancel')[0]).outcome).toBe('cancelled');
    expect(existsSync(path.join(tmp, 'hung-cancel', 'crosstabs.xlsx'))).toBe(false);
  });

  describe.skipIf(!existsSync(PSPP))('cancelled in the middle of CrosstabComputation on a large survey', () => {
    it('the worker stops at its next checkpoint: the stage and the run end cancelled, nothing is exported', async () => {
      const dir = path.join(tmp, 'large');
      writeWideSav(dir, 150, 20_000);
      const controller = new AbortController();
      let stageStarted = false;
      const onStart = (e: { runId: string; stage: string }) => {
        if (e.runId !== 'large-cancel' || e.stage !== 'CrosstabComputation') return;
        stageStarted = true;
        // After the stage's call has been sent: the worker is computing when the cancel reaches it.
        setImmediate(() => controller.abort());
      };
      const stopListening = getEventBus().on('stage:start', onStart);
      // Whether the worker was still running when handed back: it stopped by itself, it was not terminated for being late.
      const aliveAtRelease: boolean[] = [];
      const released: Worker[] = [];
      const pool: StageWorkerSource = {
        acquire: stageWorkerPool.acquire,
        release: (worker, reusable) => {
          aliveAtRelease.push(worker.threadId >= 0);
          released.push(worker);
          return stageWorkerPool.release(worker, reusable);
        },
      };
      // A grace period far longer than any checkpoint interval, however loaded the machine: only a worker that stops by
      // itself is still alive when handed back.
      const result = await run('large-cancel', dir, { signal: controller.signal, cpuStages: (signal) => new WorkerCpuStages(signal, pool, 60_000) }).finally(
        stopListening,
      );
      expect(aliveAtRelease).toEqual([true]);
      // Then it was ended with its run (a cancelled run's worker is never kept), before the run returned.
      expect(released.map((w) => w.threadId)).toEqual([-1]);
      expect(stageStarted).toBe(true);
      expect(result.outcome).toBe('cancelled');
      const stage = result.stages.find((s) => s.name === 'CrosstabComputation');
      expect(stage?.status).toBe('cancelled');
      expect(result.stages.find((s) => s.name === 'ExcelExport')).toBeUndefined();
      expect(existsSync(path.join(tmp, 'large-cancel', 'tables.json'))).toBe(false);
      expect(existsSync(path.join(tmp, 'large-cancel', 'crosstabs.xlsx'))).toBe(false);
      expect(parseLine(lines.byRun('large-cancel')[0]).outcome).toBe('cancelled');
    });
  });
});
