import { isCancellation, PipelineCancelledError } from './PipelineErrors';

/**
 * The one rule for "was this failure a cancellation?": a cancellation error (ours, a DOM AbortError, the AI SDK's), or
 * any failure once one of the run's abort signals has fired (a stage stopped mid-way may fail with another error).
 */
export function endedByCancellation(err: unknown, ...signals: Array<AbortSignal | undefined>): boolean {
  return isCancellation(err) || signals.some((s) => s?.aborted === true);
}

/**
 * Wait for `work`, but reject with PipelineCancelledError as soon as `signal` fires: for waits that cannot be aborted
 * themselves (loading a module on first use), so a cancelled run never waits for them. The work itself is abandoned;
 * the caller must not act on it after a cancellation.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new PipelineCancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new PipelineCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
