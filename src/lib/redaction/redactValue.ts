import { redactText } from './redactText';
import { isSecretKey } from './secretKey';

/** What a value under a secret-naming key is replaced with. */
export const REDACTED = '[Redacted]';

/** Keys whose values are opaque ids (run, trace, span, event ids): kept as they are, never content-scanned. */
const ID_KEYS: ReadonlySet<string> = new Set([
  'id',
  'pipelineId',
  'pipeline_id',
  'runId',
  'run_id',
  'traceId',
  'trace_id',
  'requestTraceId',
  'spanId',
  'span_id',
  'parent_span_id',
  'event_id',
  'segment_id',
  'crosstab.pipeline_id',
  'crosstab.request.trace_id',
  'crosstab.request.span_id',
]);

/** Whether a key's value is an opaque id that redaction leaves alone. */
export function isIdKey(key: string): boolean {
  return ID_KEYS.has(key);
}

/** Deepest nesting redacted; deeper values are replaced, never passed through unread. */
const MAX_DEPTH = 32;

/**
 * Copy of a value with secrets and personal data removed: values under secret-naming keys become REDACTED, and inside
 * every other string, e-mail addresses, keys and tokens, URL credentials and absolute paths are redacted by content
 * (redactText). Id-valued keys, numbers and booleans are kept; objects that are not plain (class instances) are kept as
 * they are. Linear in the size of the input.
 */
export function redactValue<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = isSecretKey(k) ? REDACTED : isIdKey(k) ? v : redactValue(v, depth + 1);
  return out as T;
}
