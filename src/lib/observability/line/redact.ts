import { redactValue } from '@/lib/redaction';
import type { JsonValue } from './jsonValue';

export { REDACTED, isIdKey, isSecretKey } from '@/lib/redaction';

/** A JSON value with secrets and personal data redacted by key and by content (see redactValue). */
export function redactJson(value: JsonValue): JsonValue {
  return redactValue(value);
}

/** Arbitrary data (event parts, breadcrumb data) redacted by key and content; non-plain objects are kept. */
export function redactUnknown<T>(value: T): T {
  return redactValue(value);
}
