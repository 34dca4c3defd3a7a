import { RESERVED_FIELDS } from './canonicalSchema';
import type { JsonValue } from './jsonValue';
import { toJsonSafe, truncateString } from './serialize';

/** Most set() fields kept per run; later keys are recorded as cut. */
export const MAX_FIELDS = 200;
const MAX_KEY_LENGTH = 100;

/** The free fields a run adds beside the canonical ones, bounded in number and made JSON-safe when set. */
export class LineFields {
  readonly values = new Map<string, JsonValue>();
  /** What was left out of the line and why (shown as the line's `truncated`). */
  readonly cut: Record<string, string> = {};

  /** The key as it will appear on the line. */
  static keyOf(key: string): string {
    return truncateString(String(key), MAX_KEY_LENGTH);
  }

  /** Keep `value` under `key`, unless the name is a canonical field or the field limit is reached (then noted as cut). */
  set(key: string, value: unknown): void {
    if (RESERVED_FIELDS.has(key)) {
      this.cut[key] = 'reserved field name: set() value ignored';
      return;
    }
    if (!this.values.has(key) && this.values.size >= MAX_FIELDS) {
      this.cut[key] = `field limit (${MAX_FIELDS}) reached`;
      return;
    }
    this.values.set(key, toJsonSafe(value));
  }
}
