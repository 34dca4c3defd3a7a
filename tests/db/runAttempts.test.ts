import { expect, it } from 'vitest';
import type { AppStore } from '@/lib/db/openStore';
import type { RunPatch } from '@/lib/db/runStore';
import { describeEachEngine } from './storeEngines';

const newRun = (id: string) => ({ id, orgId: 'acme', userId: 'u1', dataset: 'ds', inputKind: 'example' as const, inputDir: null });
const success = (finishedAt: number): RunPatch => ({ status: 'success', outcome: 'success', finishedAt, progress: 1 });

describeEachEngine('run attempts and leases', (stores) => {
  it('starts a queued run once: the attempt, its worker, its lease and the start time', async () => {
    const { runs } = await stores.fresh();
    await runs.create(newRun('r1'));
    expect(await runs.startAttempt('r1', 'worker-a', 30_000, 1_000)).toBe(1);
    expect(await runs.getById('r1')).toMatchObject({ status: 'running', attempt: 1, worker: 'worker-a', leaseExpiresAt: 31_000, startedAt: 1_000 });
    expect(await runs.startAttempt('r1', 'worker-b', 30_000, 2_000)).toBeNull();
    expect(await runs.getById('r1')).toMatchObject({ attempt: 1, worker: 'worker-a', leaseExpiresAt: 31_000 });
    expect(await runs.startAttempt('missing', 'worker-a', 30_000, 1_000)).toBeNull();
  });

  it('starts a queued-again run as its next attempt, keeping its first start time', async () => {
    const { runs } = await stores.fresh();
    await runs.create(newRun('r1'));
    await runs.startAttempt('r1', 'worker-a', 30_000, 1_000);
    await runs.update('r1', { status: 'queued', worker: null, leaseExpiresAt: null });
    expect(await runs.startAttempt('r1', 'worker-b', 30_000, 50_000)).toBe(2);
    expect(await runs.getById('r1')).toMatchObject({ attempt: 2, worker: 'worker-b', leaseExpiresAt: 80_000, startedAt: 1_000 });
  });

  it('never starts a finished or cancelled run', async () => {
    const { runs } = await stores.fresh();
    for (const status of ['success', 'error', 'cancelled'] as const) {
      await runs.create(newRun(status));
      await runs.update(status, { status });
      expect(await runs.startAttempt(status, 'worker-a', 30_000, 1_000), status).toBeNull();
      expect(await runs.getById(status), status).toMatchObject({ status, attempt: 0, worker: null });
    }
  });

  it('renews a lease only for the attempt and worker holding the running run', async () => {
    const { runs } = await stores.fresh();
    await runs.create(newRun('r1'));
    const attempt = (await runs.startAttempt('r1', 'worker-a', 10_000, 1_000))!;
    expect(await runs.renewLease('r1', attempt, 'worker-a', 10_000, 8_000)).toBe(true);
    expect((await runs.getById('r1'))?.leaseExpiresAt).toBe(18_000);
    expect(await runs.renewLease('r1', attempt, 'worker-b', 10_000, 9_000)).toBe(false);
    expect(await runs.renewLease('r1', attempt + 1, 'worker-a', 10_000, 9_000)).toBe(false);
    expect((await runs.getById('r1'))?.leaseExpiresAt).toBe(18_000);
    await runs.finishAttempt('r1', attempt, success(9_500));
    expect(await runs.renewLease('r1', attempt, 'worker-a', 10_000, 9_600)).toBe(false);
  });

  it('finishes a run once, by its current attempt only', async () => {
    const { runs } = await stores.fresh();
    await runs.create(newRun('r1'));
    const attempt = (await runs.startAttempt('r1', 'worker-a', 10_000, 1_000))!;
    expect(await runs.finishAttempt('r1', attempt + 1, success(2_000))).toBeNull();
    expect((await runs.getById('r1'))?.status).toBe('running');
    const finished = await runs.finishAttempt('r1', attempt, { ...success(2_000), canonicalLine: '{"outcome":"success"}' });
    expect(finished).toMatchObject({ id: 'r1', status: 'success', outcome: 'success', finishedAt: 2_000, attempt, canonicalLine: '{"outcome":"success"}' });
    expect(await runs.finishAttempt('r1', attempt, { status: 'error', outcome: 'error', finishedAt: 3_000 })).toBeNull();
    expect(await runs.getById('r1')).toEqual(finished);
  });

  it('does not finish a run that was cancelled meanwhile, and refuses a patch that does not finish', async () => {
    const { runs } = await stores.fresh();
    await runs.create(newRun('r1'));
    const attempt = (await runs.startAttempt('r1', 'worker-a', 10_000, 1_000))!;
    await expect(runs.finishAttempt('r1', attempt, { status: 'running', progress: 0.5 })).rejects.toThrow(/finished status/);
    await expect(runs.finishAttempt('r1', attempt, { progress: 0.5 })).rejects.toThrow(/finished status/);
    await runs.update('r1', { status: 'cancelled', outcome: 'cancelled' });
    expect(await runs.finishAttempt('r1', attempt, success(2_000))).toBeNull();
    expect((await runs.getById('r1'))?.status).toBe('cancelled');
  });

  it('finishes a queued run that never started (attempt 0), e.g. cancelled in the queue', async () => {
    const { runs } = await stores.fresh();
    await runs.create(newRun('r1'));
    expect(await runs.finishAttempt('r1', 0, { status: 'cancelled', outcome: 'cancelled', finishedAt: 5 })).toMatchObject({ status: 'cancelled', attempt: 0 });
    expect(await runs.startAttempt('r1', 'worker-a', 10_000, 6)).toBeNull();
  });

  it('lists running runs whose lease has expired, longest expired first', async () => {
    const { runs } = await stores.fresh();
    for (const [id, leaseMs] of [
      ['late', 5_000],
      ['later', 1_000],
      ['alive', 60_000],
      ['done', 1_000],
    ] as const) {
      await runs.create(newRun(id));
      await runs.startAttempt(id, `worker-${id}`, leaseMs, 1_000);
    }
    await runs.create(newRun('queued'));
    await runs.finishAttempt('done', 1, success(1_500));
    expect((await runs.expiredLeases(10_000, 10)).map((r) => r.id)).toEqual(['later', 'late']);
    expect((await runs.expiredLeases(10_000, 1)).map((r) => r.id)).toEqual(['later']);
    expect((await runs.expiredLeases(6_000, 10)).map((r) => r.id)).toEqual(['later', 'late']);
    expect((await runs.expiredLeases(5_999, 10)).map((r) => r.id)).toEqual(['later']);
    expect(await runs.expiredLeases(1_999, 10)).toEqual([]);
  });

  it('starts a run exactly once when ten workers try at once', async () => {
    const stores3 = await openSeveral(3);
    await stores3[0]!.runs.create(newRun('r1'));
    const attempts = await Promise.all(Array.from({ length: 10 }, (_, i) => stores3[i % 3]!.runs.startAttempt('r1', `worker-${i}`, 10_000, 1_000 + i)));
    expect(attempts.filter((a) => a !== null)).toEqual([1]);
    const winner = `worker-${attempts.indexOf(1)}`;
    expect(await stores3[0]!.runs.getById('r1')).toMatchObject({ attempt: 1, worker: winner });
  });

  it('lets exactly one of 20 concurrent finishers win', async () => {
    const stores3 = await openSeveral(3);
    await stores3[0]!.runs.create(newRun('r1'));
    const attempt = (await stores3[0]!.runs.startAttempt('r1', 'worker-a', 10_000, 1_000))!;
    const outcomes = ['success', 'error', 'cancelled'] as const;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const outcome = outcomes[i % 3]!;
        return stores3[i % 3]!.runs.finishAttempt('r1', attempt, { status: outcome, outcome, finishedAt: 2_000 + i, canonicalLine: `finisher-${i}` });
      }),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(await stores3[1]!.runs.getById('r1')).toEqual(winners[0]);
  });

  /** `n` stores on one fresh database: on Postgres, that many connection pools, so the calls really overlap. */
  async function openSeveral(n: number): Promise<AppStore[]> {
    const config = await stores.freshConfig();
    const opened: AppStore[] = [];
    for (let i = 0; i < n; i++) opened.push(await stores.open(config));
    return opened;
  }
});
