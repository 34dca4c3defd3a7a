import { describe, expect, it } from 'vitest';
import { EventBus } from '@/lib/events/EventBus';
import type { RunStore } from '@/lib/db/runStore';
import type { RunRecord } from '@/lib/db/RunRecord';
import { PipelineOrchestrator, type RunPipelineFn } from '@/lib/webRuns/pipelineOrchestrator';
import { RunWriteChain } from '@/lib/webRuns/runWriteChain';
import { deferred } from '../support/deadline';
import { memoryStore } from '../support/memoryStore';
import { tempDir } from '../support/webInputs';

describe('RunWriteChain', () => {
  it('lands one run’s writes in the order asked, whatever each takes, and a failed write does not stop the next', async () => {
    const chain = new RunWriteChain();
    const landed: string[] = [];
    const errors: unknown[] = [];
    const slow = deferred();
    const write = (name: string, wait?: Promise<void>) => async () => {
      await wait;
      landed.push(name);
    };
    void chain.push('r1', write('progress', slow.promise), (e) => errors.push(e));
    void chain.push(
      'r1',
      () => Promise.reject(new Error('disk full')),
      (e) => errors.push(e),
    );
    const last = chain.push('r1', write('final'), (e) => errors.push(e));
    await chain.push('r2', write('other run'), (e) => errors.push(e));
    expect(landed).toEqual(['other run']);
    slow.resolve();
    await last;
    expect(landed).toEqual(['other run', 'progress', 'final']);
    expect(errors).toEqual([new Error('disk full')]);
    await expect(chain.settled('r1')).resolves.toBeUndefined();
  });

  it('settles at once for a run with no writes', async () => {
    await expect(new RunWriteChain().settled('nothing')).resolves.toBeUndefined();
  });
});

describe('the orchestrator’s record writes', () => {
  it('never let a slow progress write overwrite the final record, and resolve the run once every write has landed', async () => {
    const { runs } = await memoryStore();
    // A store whose progress writes (those naming a stage) are slow: without one queue per run they would land last.
    const slowProgress: RunStore = Object.create(runs) as RunStore;
    slowProgress.update = async (id, patch) => {
      if (patch.stage) await new Promise((resolve) => setTimeout(resolve, 100));
      return runs.update(id, patch);
    };
    const bus = new EventBus();
    const runPipeline: RunPipelineFn = async (options) => {
      bus.emit('stage:start', { runId: options.runId!, stage: 'validation', index: 1, total: 4, stages: [], at: 1 });
      // As the real runner does: the run's line is settled before it returns (its end reaches the record through the claim).
      options.observability?.finish({ outcome: 'success' });
      return { runId: options.runId!, outcome: 'success', outputDir: null, tableCount: 3, durationMs: 5, stageTiming: {}, stages: [], canonicalLine: '' };
    };
    const orchestrator = new PipelineOrchestrator({ runPipeline, runs: slowProgress, bus, maxConcurrent: 1, outputRoot: tempDir() });
    await runs.create({ id: 'r1', orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'example', inputDir: null });
    const seen: RunRecord[] = [];
    orchestrator.subscribe('r1', (record) => seen.push(record));
    const final = await orchestrator.runPipelineFromUpload({ runId: 'r1', orgId: 'acme', userId: 'u1', inputs: { datasetName: 'ds', savPath: '/x.sav' } });
    expect(final).toMatchObject({ status: 'success', stage: null, progress: 1, tableCount: 3 });
    expect(await runs.getById('r1')).toEqual(final);
    expect(seen.map((r) => [r.status, r.stage])).toEqual([
      ['running', null],
      ['running', 'validation'],
      ['success', null],
      ['success', null],
    ]);
    expect(seen.at(-1)).toEqual(final);
  });
});
