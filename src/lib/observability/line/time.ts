/** ISO-8601 text of an epoch-ms time; falls back to the epoch itself for an unrepresentable value (never throws). */
export function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}
