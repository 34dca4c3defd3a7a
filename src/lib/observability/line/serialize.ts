import type { JsonValue } from './jsonValue';

/** Limits applied while turning an arbitrary value into JSON-safe data. */
export interface SerializeLimits {
  /** Longest string kept; longer strings are cut and marked. */
  maxStringLength: number;
  /** Deepest nesting kept; deeper values become a marker. */
  maxDepth: number;
  /** Most keys (or array items) kept per object; the rest are counted in a marker. */
  maxBreadth: number;
  /** Most nodes visited in one value; the rest become a marker (bounds the work on huge inputs). */
  maxNodes: number;
}

/** Default limits for values passed to WideEvent.set(). */
export const DEFAULT_SERIALIZE_LIMITS: SerializeLimits = {
  maxStringLength: 8192,
  maxDepth: 6,
  maxBreadth: 100,
  maxNodes: 2000,
};

/** Marker key holding the count of keys/items left out of an object or array. */
export const OMITTED_MARKER = '…omitted';

/** Cut a string to `max` characters, marking how much was cut. */
export function truncateString(s: string, max: number): string {
  if (s.length <= max) return s;
  return `${s.slice(0, max)}…[truncated ${s.length - max} chars]`;
}

/**
 * Turn any value into JSON-safe data. Never throws: cycles, BigInt, functions, symbols, Errors,
 * non-finite numbers, throwing getters and oversized values become readable markers.
 */
export function toJsonSafe(value: unknown, limits: SerializeLimits = DEFAULT_SERIALIZE_LIMITS): JsonValue {
  const seen = new Set<object>();
  let nodes = 0;

  const walk = (v: unknown, depth: number): JsonValue => {
    nodes += 1;
    if (nodes > limits.maxNodes) return '[Truncated: too many nodes]';
    switch (typeof v) {
      case 'string':
        return truncateString(v, limits.maxStringLength);
      case 'number':
        return Number.isFinite(v) ? v : `[${String(v)}]`;
      case 'boolean':
        return v;
      case 'bigint':
        return `[BigInt ${truncateString(v.toString(), 64)}]`;
      case 'undefined':
        return null;
      case 'symbol':
        return `[Symbol ${truncateString(v.description ?? '', 64)}]`;
      case 'function':
        return `[Function ${truncateString(v.name || 'anonymous', 64)}]`;
      default:
        break;
    }
    if (v === null) return null;
    const obj = v as object;
    if (seen.has(obj)) return '[Circular]';
    if (depth >= limits.maxDepth) return Array.isArray(obj) ? '[Array]' : '[Object]';
    seen.add(obj);
    try {
      return walkObject(obj, depth);
    } catch {
      return '[Unserializable]';
    } finally {
      seen.delete(obj);
    }
  };

  const walkObject = (obj: object, depth: number): JsonValue => {
    if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? '[Invalid Date]' : obj.toISOString();
    if (obj instanceof Error) {
      const out: { [key: string]: JsonValue } = {
        type: truncateString(obj.name || 'Error', 200),
        message: truncateString(String(obj.message), limits.maxStringLength),
      };
      if (obj.cause !== undefined) out.cause = walk(obj.cause, depth + 1);
      return out;
    }
    if (ArrayBuffer.isView(obj)) return `[${obj.constructor.name} ${obj.byteLength} bytes]`;
    if (obj instanceof ArrayBuffer) return `[ArrayBuffer ${obj.byteLength} bytes]`;
    if (obj instanceof Map)
      return walkList(
        Array.from(obj.entries(), ([k, val]) => [k, val]),
        depth,
        obj.size,
      );
    if (obj instanceof Set) return walkList(Array.from(obj.values()), depth, obj.size);
    if (Array.isArray(obj)) return walkList(obj, depth, obj.length);
    if (typeof (obj as { then?: unknown }).then === 'function') return '[Promise]';
    const out: { [key: string]: JsonValue } = {};
    let kept = 0;
    let omitted = 0;
    for (const key in obj) {
      if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
      if (kept >= limits.maxBreadth) {
        omitted += 1;
        continue;
      }
      let child: unknown;
      try {
        child = (obj as Record<string, unknown>)[key];
      } catch {
        out[truncateString(key, 200)] = '[Throws]';
        kept += 1;
        continue;
      }
      if (child === undefined) continue;
      out[truncateString(key, 200)] = walk(child, depth + 1);
      kept += 1;
    }
    if (omitted > 0) out[OMITTED_MARKER] = `${omitted} keys`;
    return out;
  };

  const walkList = (items: readonly unknown[], depth: number, total: number): JsonValue => {
    const out: JsonValue[] = [];
    const n = Math.min(items.length, limits.maxBreadth);
    for (let i = 0; i < n; i += 1) out.push(walk(items[i], depth + 1));
    if (total > n) out.push(`[${OMITTED_MARKER} ${total - n} items]`);
    return out;
  };

  try {
    return walk(value, 0);
  } catch {
    return '[Unserializable]';
  }
}

/** JSON.stringify that never throws; returns undefined when the value cannot be encoded. */
export function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
