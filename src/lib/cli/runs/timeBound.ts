const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

const AGE = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/;
/** ISO dates as written by people: a date, or a date and time with an optional zone. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A point in time from `--since`/`--until`: an age before `now` (`30m`, `2h`, `3d`, `1w`; also `s`) or an ISO date
 * (`2025-06-01`, `2025-06-01T14:00`, `2025-06-01T14:00Z`; without a zone, local time). Undefined when unreadable.
 */
export function parseTimeBound(text: string, now: Date): Date | undefined {
  const value = text.trim();
  const age = AGE.exec(value);
  if (age) return new Date(now.getTime() - Number(age[1]) * UNIT_MS[age[2]!]!);
  if (!ISO.test(value)) return undefined;
  // A bare date is midnight local time (Date.parse would take it as UTC); a date-time without zone is local already.
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00` : value.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
