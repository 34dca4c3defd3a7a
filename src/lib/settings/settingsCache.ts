import { processWide } from '@/lib/core/processWide';

type Outcome = { key: string; ok: true; value: unknown } | { key: string; ok: false; error: unknown };

// One per process: Next.js bundles this module into the instrumentation hook and into each route separately.
const cache = processWide('settings', () => new Map<string, Outcome>());

/**
 * A part's settings, validated once per process for a given set of values (`key`): later calls return the
 * same value or throw the same error, without validating or warning again.
 */
export function cachedSettings<T>(part: string, key: string, compute: () => T): T {
  let outcome = cache.get(part);
  if (!outcome || outcome.key !== key) {
    try {
      outcome = { key, ok: true, value: compute() };
    } catch (error) {
      outcome = { key, ok: false, error };
    }
    cache.set(part, outcome);
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value as T;
}

/** Forget every validated part, so the next read validates (and warns) again (tests). */
export function resetSettings(): void {
  cache.clear();
}
