/**
 * A process-wide value, created on first use and kept on globalThis under a registered symbol: one per process even
 * when a bundler loads the module that asks for it twice (Next.js does), never reachable by a plain property name.
 */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`crosstab.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  let value = store[key];
  if (value === undefined) {
    value = create();
    store[key] = value;
  }
  return value;
}

/** Replace a process-wide value (the `reset…()` of tests). */
export function replaceProcessWide<T>(name: string, value: T): T {
  (globalThis as unknown as Record<symbol, T>)[Symbol.for(`crosstab.${name}`)] = value;
  return value;
}
