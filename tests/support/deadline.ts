/** How long a test waits for something it caused in its own process before failing with a message. */
export const WAIT_MS = 10_000;

/** Settle as `promise` does, or reject with "`what`: not within `ms` ms" if it has not settled by then. */
export function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A promise and the function that resolves it: the test resolves it where the awaited thing happens. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

/** A promise that the test resolves itself, from the callback where the awaited thing happens. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A condition over state that the test changes at known points: call `changed()` at each, and wait with `until()`. */
export interface Changes {
  changed(): void;
  /** Resolve once `check()` holds (re-checked at each change), or reject with "`what`: not within `ms` ms". */
  until(check: () => boolean, what: string, ms?: number): Promise<void>;
}

/** State changes to wait on, without polling. */
export function changes(): Changes {
  const checks = new Set<() => void>();
  return {
    changed: () => {
      for (const check of [...checks]) check();
    },
    until: (check, what, ms = WAIT_MS) => {
      if (check()) return Promise.resolve();
      const held = deferred();
      const recheck = (): void => {
        if (check()) held.resolve();
      };
      checks.add(recheck);
      return within(held.promise, what, ms).finally(() => checks.delete(recheck));
    },
  };
}
