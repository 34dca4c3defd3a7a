import type { JsonObject } from './jsonValue';

/**
 * Byte budget of one wide event (the canonical line, and the run data in the Sentry event).
 * Kept well under Sentry's limits (1 MB uncompressed, 200 KB compressed) even for incompressible data,
 * leaving room for breadcrumbs, the exception and SDK metadata.
 */
export const WIDE_EVENT_BUDGET_BYTES = 192 * 1024;

/** UTF-8 byte length of a string. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Result of fitting a line into its budget. */
export interface FittedLine {
  line: JsonObject;
  text: string;
}

/**
 * Cut a line until its JSON fits `budget` bytes: first the per-call list (halving), then set() fields,
 * largest first. Every cut is recorded in `line.truncated` by field. Returns undefined when nothing fits.
 */
export function fitToBudget(line: JsonObject, freeFields: readonly string[], budget: number = WIDE_EVENT_BUDGET_BYTES): FittedLine | undefined {
  const truncated: Record<string, string> = { ...((line.truncated as Record<string, string> | undefined) ?? {}) };
  const current: JsonObject = { ...line };
  const render = (): string => {
    if (Object.keys(truncated).length > 0) current.truncated = truncated;
    return JSON.stringify(current);
  };
  let text = render();
  if (byteLength(text) <= budget) return { line: current, text };

  const calls = Array.isArray(current.agentCalls) ? current.agentCalls : [];
  let kept = calls.length;
  while (kept > 0 && byteLength(text) > budget) {
    kept = Math.floor(kept / 2);
    current.agentCalls = calls.slice(0, kept);
    truncated.agentCalls = `byte budget: kept ${kept} of ${calls.length} listed calls`;
    text = render();
  }
  if (byteLength(text) <= budget) return { line: current, text };

  const bySize = freeFields
    .filter((k) => k in current)
    .map((k) => ({ k, size: byteLength(JSON.stringify(current[k])) }))
    .sort((a, b) => b.size - a.size);
  for (const { k, size } of bySize) {
    delete current[k];
    truncated[k] = `byte budget: dropped ${size} bytes`;
    text = render();
    if (byteLength(text) <= budget) return { line: current, text };
  }
  return undefined;
}
