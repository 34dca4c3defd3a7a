import { throwIfAborted } from '@/lib/core/PipelineErrors';
import { untilAborted } from '@/lib/core/cancellation';

/** Let the event loop run (I/O, timers, other requests) before continuing. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Longest stretch of CPU-bound work between two yields, in ms. */
export const DEFAULT_SLICE_MS = 20;

/**
 * Keeps long CPU-bound loops cooperative: `checkpoint()` yields to the event loop once `sliceMs` of busy work has
 * passed since the last yield, and throws PipelineCancelledError when the run's signal is aborted. A web server running
 * a pipeline in-process keeps answering requests, streaming progress and honouring a cancel while a stage computes.
 */
export class CooperativeClock {
  private sliceStart = performance.now();

  constructor(
    private readonly signal?: AbortSignal,
    private readonly sliceMs: number = DEFAULT_SLICE_MS,
  ) {}

  /** Yield if the current slice is used up; always checks cancellation. */
  async checkpoint(): Promise<void> {
    throwIfAborted(this.signal);
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await yieldToEventLoop();
    this.sliceStart = performance.now();
    throwIfAborted(this.signal);
  }

  /** Wait for work that cannot be aborted itself (a module loading), but stop waiting when the run is cancelled. */
  until<T>(work: Promise<T>): Promise<T> {
    return untilAborted(work, this.signal);
  }
}
