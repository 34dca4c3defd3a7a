import { AsyncLocalStorage } from 'node:async_hooks';
import { processWide } from '@/lib/core/processWide';

type ContextRunner = <R>(fn: () => R) => R;

const carrier = processWide('cleanAsyncContext', () => ({}) as { cleanAsyncContext?: ContextRunner });

/**
 * Remember the calling async context as the clean one that runs start from. Call once at process start, outside any
 * request (the server's instrumentation hook, the CLI's main); later calls keep the first capture.
 */
export function captureCleanAsyncContext(): void {
  carrier.cleanAsyncContext ??= AsyncLocalStorage.snapshot();
}

/**
 * Run `fn` in the clean async context captured at start-up, so that work started from a queue, a timer or a promise
 * chain does not carry the AsyncLocalStorage stores (request stores, OpenTelemetry context, Sentry scopes) of whatever
 * scheduled it. Runs `fn` in the caller's context when nothing was captured (tests, scripts).
 */
export function inCleanAsyncContext<T>(fn: () => T): T {
  const run = carrier.cleanAsyncContext;
  return run ? run(fn) : fn();
}
