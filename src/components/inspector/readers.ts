/** A JSON object's field, as an object (or undefined). */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A finite number, or the fallback. */
export function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** A finite number, or undefined. */
export function optNum(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A string, or the fallback. */
export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** A string, or undefined. */
export function optStr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An array of objects (anything else dropped). */
export function objects(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.map(obj).filter((o): o is Record<string, unknown> => o !== undefined) : [];
}
