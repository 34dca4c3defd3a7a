import { expect, it } from 'vitest';
import type { NewRun } from '@/lib/db/runStore';
import { describeEachEngine } from './storeEngines';

const base = { userId: 'u1', dataset: 'ds', inputKind: 'upload' as const, inputDir: null };
const run = (id: string, orgId = 'acme', extra: Partial<NewRun> = {}): NewRun => ({ ...base, id, orgId, ...extra });

describeEachEngine('RunStore', (stores) => {
  it('reads a run only within its own org', async () => {
    const { runs } = await stores.fresh();
    const created = await runs.create(run('r1'));
    expect(created).toMatchObject({ id: 'r1', orgId: 'acme', status: 'queued', progress: 0, stages: [], attempt: 0, worker: null, leaseExpiresAt: null });
    expect((await runs.get('r1', 'acme'))?.status).toBe('queued');
    expect(await runs.get('r1', 'globex')).toBeNull();
    expect(await runs.list('globex')).toEqual([]);
    expect((await runs.getById('r1'))?.orgId).toBe('acme');
    expect(await runs.getById('missing')).toBeNull();
  });

  it('lists an org’s runs newest first (same millisecond: larger id first), up to the limit', async () => {
    const { runs } = await stores.fresh();
    await runs.create(run('old', 'acme', { createdAt: 1000 }));
    await runs.create(run('new', 'acme', { createdAt: 3000 }));
    await runs.create(run('mid-a', 'acme', { createdAt: 2000 }));
    await runs.create(run('mid-b', 'acme', { createdAt: 2000 }));
    await runs.create(run('theirs', 'globex', { createdAt: 4000 }));
    expect((await runs.list('acme')).map((r) => r.id)).toEqual(['new', 'mid-b', 'mid-a', 'old']);
    expect((await runs.list('acme', 2)).map((r) => r.id)).toEqual(['new', 'mid-b']);
  });

  it('keeps epoch-millisecond times as numbers', async () => {
    const { runs } = await stores.fresh();
    const createdAt = 1_767_225_600_123;
    await runs.create(run('r1', 'acme', { createdAt }));
    const updated = await runs.update('r1', { startedAt: createdAt + 1, finishedAt: createdAt + 90_061_000, durationMs: 90_060_999 });
    expect(updated).toMatchObject({ createdAt, startedAt: createdAt + 1, finishedAt: createdAt + 90_061_000, durationMs: 90_060_999 });
    expect(typeof (await runs.getById('r1'))?.createdAt).toBe('number');
  });

  it('stores progress, stages, timings, outputs and the error summary', async () => {
    const { runs } = await stores.fresh();
    await runs.create(run('r1'));
    const updated = await runs.update('r1', {
      status: 'error',
      outcome: 'error',
      stage: 'BannerAgent',
      progress: 0.1,
      stages: [{ name: 'validation', status: 'ok', durationMs: 12 }],
      startedAt: 10,
      finishedAt: 30,
      durationMs: 20,
      tableCount: 4,
      outputDir: '/out/r1',
      error: { type: 'PipelineInputError', message: 'bad banner', stage: 'BannerAgent' },
      canonicalLine: '{"kind":"pipeline.run"}',
    });
    expect(updated).toMatchObject({
      status: 'error',
      stage: 'BannerAgent',
      progress: 0.1,
      stages: [{ name: 'validation', status: 'ok', durationMs: 12 }],
      durationMs: 20,
      tableCount: 4,
      outputDir: '/out/r1',
      error: { type: 'PipelineInputError', message: 'bad banner', stage: 'BannerAgent' },
      canonicalLine: '{"kind":"pipeline.run"}',
    });
    expect(await runs.getById('r1')).toEqual(updated);
    expect((await runs.update('r1', { error: null }))?.error).toBeNull();
    expect(await runs.update('r1', {})).toEqual({ ...updated, error: null });
    expect(await runs.update('missing', { progress: 1 })).toBeNull();
  });

  it('rejects a status outside the lifecycle, and a second run with the same id', async () => {
    const { runs } = await stores.fresh();
    await runs.create(run('r1'));
    await expect(runs.update('r1', { status: 'done' as never })).rejects.toThrow(/check constraint/i);
    await expect(runs.create(run('r1'))).rejects.toThrow();
    expect((await runs.getById('r1'))?.status).toBe('queued');
  });

  it('creates a run once: a retried request with the same id gets the stored run', async () => {
    const { runs } = await stores.fresh();
    const first = await runs.createIfAbsent(run('r1', 'acme', { dataset: 'first' }));
    expect(first).toMatchObject({ created: true, record: { id: 'r1', dataset: 'first', status: 'queued' } });
    await runs.update('r1', { status: 'running' });
    const retry = await runs.createIfAbsent(run('r1', 'acme', { dataset: 'retried' }));
    expect(retry).toMatchObject({ created: false, record: { id: 'r1', dataset: 'first', status: 'running' } });
    await expect(runs.createIfAbsent(run('r1', 'globex'))).rejects.toThrow(/another org/);
  });

  it('creates a run exactly once when the same request arrives ten times at once', async () => {
    const config = await stores.freshConfig();
    const [a, b] = [await stores.open(config), await stores.open(config)];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).runs.createIfAbsent(run('r1', 'acme', { dataset: `try-${i}` }))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const winner = results.find((r) => r.created)!.record.dataset;
    expect(results.every((r) => r.record.dataset === winner)).toBe(true);
    expect(await a.runs.list('acme')).toHaveLength(1);
  });

  it('marks runs left queued or running as interrupted, leaving finished ones alone', async () => {
    const { runs } = await stores.fresh();
    await runs.create(run('queued'));
    await runs.create(run('running'));
    await runs.update('running', { status: 'running', stage: 'CrosstabAgent' });
    await runs.create(run('done'));
    await runs.update('done', { status: 'success', outcome: 'success', finishedAt: 7 });
    expect(await runs.failInterrupted(1234)).toBe(2);
    expect(await runs.getById('queued')).toMatchObject({ status: 'error', outcome: 'error', finishedAt: 1234, error: { type: 'Interrupted', stage: null } });
    expect(await runs.getById('running')).toMatchObject({ status: 'error', error: { type: 'Interrupted', stage: 'CrosstabAgent' } });
    expect(await runs.getById('done')).toMatchObject({ status: 'success', finishedAt: 7, error: null });
    expect(await runs.failInterrupted(5678)).toBe(0);
  });
});
