import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '@/lib/webRuns/memoryBudget';

/** Whether a promise has settled after the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('MemoryBudget', () => {
  it('admits what fits beside the runs it holds, and the next in line once one is released', async () => {
    const budget = new MemoryBudget(100);
    const first = await budget.take(60);
    const second = budget.take(60);
    expect(await settled(second)).toBe(false);
    expect(budget.usedBytes).toBe(60);
    first();
    const release = await second;
    expect(budget.usedBytes).toBe(60);
    release();
    release();
    expect(budget.usedBytes).toBe(0);
  });

  it('admits a run bigger than the whole budget when it holds nothing, so no run waits for ever', async () => {
    const budget = new MemoryBudget(100);
    const huge = await budget.take(500);
    expect(budget.tryTake(1)).toBeNull();
    huge();
    expect(budget.tryTake(1)).not.toBeNull();
  });

  it('keeps arrival order: a small run never overtakes a big one waiting for room', async () => {
    const budget = new MemoryBudget(100);
    const held = await budget.take(50);
    const big = budget.take(80);
    expect(budget.tryTake(10)).toBeNull();
    const small = budget.take(10);
    expect([await settled(big), await settled(small)]).toEqual([false, false]);
    held();
    expect([await settled(big), await settled(small)]).toEqual([true, true]);
    expect(budget.usedBytes).toBe(90);
  });

  it('stops waiting on abort, freeing its place in line for the runs behind it', async () => {
    const budget = new MemoryBudget(100);
    const held = await budget.take(90);
    const controller = new AbortController();
    const cancelled = budget.take(50, controller.signal);
    const behind = budget.take(5);
    expect(await settled(behind)).toBe(false);
    controller.abort();
    (await cancelled)();
    expect(await settled(behind)).toBe(true);
    expect(budget.usedBytes).toBe(95);
    held();
  });
});
