import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-run state visible to everything the run calls (agents, model layer, metrics), without passing it around. */
export interface RunScope {
  runId: string;
  /** Name of the stage currently running in this async branch, if any. */
  stage?: string;
}

const carrier = globalThis as typeof globalThis & { __crosstabRunScope?: AsyncLocalStorage<RunScope> };
const storage = (carrier.__crosstabRunScope ??= new AsyncLocalStorage<RunScope>());

/** The run scope of the calling async context, if inside a run. */
export function currentRunScope(): RunScope | undefined {
  return storage.getStore();
}

/** Run `fn` inside a run scope. */
export function withRunScope<T>(scope: RunScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** Run `fn` with the current run scope extended (e.g. the stage that is running). */
export function withRunScopePatch<T>(patch: Partial<RunScope>, fn: () => T): T {
  const current = storage.getStore();
  if (!current) return fn();
  return storage.run({ ...current, ...patch }, fn);
}
