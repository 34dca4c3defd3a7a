import { describe, expect, it } from 'vitest';
import { isCancellation } from '@/lib/core/PipelineErrors';
import { CooperativeClock } from './cooperative';

describe('CooperativeClock', () => {
  it('lets queued event-loop work run at a checkpoint once its slice is used up', async () => {
    const clock = new CooperativeClock(undefined, 0);
    let ran = false;
    setImmediate(() => (ran = true));
    await clock.checkpoint();
    expect(ran).toBe(true);
  });

  it('does not yield while the slice lasts', async () => {
    const clock = new CooperativeClock(undefined, 60_000);
    let ran = false;
    setImmediate(() => (ran = true));
    await clock.checkpoint();
    expect(ran).toBe(false);
  });

  it('throws a cancellation at the first checkpoint after the signal is aborted', async () => {
    const controller = new AbortController();
    const clock = new CooperativeClock(controller.signal, 60_000);
    await clock.checkpoint();
    controller.abort();
    const err = await clock.checkpoint().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCancellation(err)).toBe(true);
  });
});

describe('CooperativeClock.until', () => {
  it('stops waiting for work that cannot be aborted when the run is cancelled, and passes its value otherwise', async () => {
    const controller = new AbortController();
    const clock = new CooperativeClock(controller.signal);
    expect(await clock.until(Promise.resolve(7))).toBe(7);
    const never = new Promise<number>(() => undefined);
    const waiting = clock.until(never).then(
      () => null,
      (e: unknown) => e,
    );
    controller.abort();
    expect(isCancellation(await waiting)).toBe(true);
    expect(isCancellation(await clock.until(Promise.resolve(1)).catch((e: unknown) => e))).toBe(true);
  });
});
