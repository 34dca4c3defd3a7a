import { isCancellation } from './PipelineErrors';

/**
 * The one rule for "was this failure a cancellation?": a cancellation error (ours, a DOM AbortError, the AI SDK's), or
 * any failure once one of the run's abort signals has fired (a stage stopped mid-way may fail with another error).
 */
export function endedByCancellation(err: unknown, ...signals: Array<AbortSignal | undefined>): boolean {
  return isCancellation(err) || signals.some((s) => s?.aborted === true);
}
