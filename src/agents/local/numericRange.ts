/** An integer range; a null bound is open. */
export interface NumericRange {
  low: number | null;
  high: number | null;
}

const N = '(\\d+(?:\\.\\d+)?)';
// A number that opens a pattern starts at the first digit of its run: trying every later digit of a long run again (and
// backtracking over the rest of it each time) made these patterns quadratic. The first digit finds every match they can.
const FIRST_DIGIT = '(?<!\\d)';

const SPAN = new RegExp(`(?:between\\s+)?${FIRST_DIGIT}${N}\\s*(?:-|to|and|through|thru)\\s*${N}`);
const OPEN_ABOVE = new RegExp(`${FIRST_DIGIT}${N}\\s*(?:\\+|plus\\b|(?:years?\\s+)?(?:and|or)\\s+(?:over|above|older|more|higher)\\b)`);
const COMPARISON = new RegExp(`(>=|≥|<=|≤|<|>)\\s*${N}`);
const AT_LEAST = new RegExp(`(?:at least|minimum of|min\\.?)\\s*${N}`);
const OVER = new RegExp(`(?:over|above|older than|more than|greater than)\\s*${N}`);
const OPEN_BELOW = new RegExp(`${FIRST_DIGIT}${N}\\s*(?:years?\\s+)?(?:and|or)\\s+(?:under|below|younger|less|fewer)\\b`);
const AT_MOST = new RegExp(`(?:up to|at most|maximum of|max\\.?)\\s*${N}`);
const UNDER = new RegExp(`(?:under|below|younger than|less than|fewer than)\\s*${N}`);

/** Reads a number range from text ("18 to 34", "18-34", "55+", "55 and over", "under 35"); null when the text states none (or a bound is too large to be a number). */
export function parseRange(text: string): NumericRange | null {
  const range = readRange(text);
  if (!range) return null;
  return (range.low === null || Number.isFinite(range.low)) && (range.high === null || Number.isFinite(range.high)) ? range : null;
}

function readRange(text: string): NumericRange | null {
  const t = text.toLowerCase().replace(/[–—]/g, '-');
  let m = SPAN.exec(t);
  if (m) return ordered(Number(m[1]), Number(m[2]));
  m = OPEN_ABOVE.exec(t);
  if (m) return { low: Number(m[1]), high: null };
  m = COMPARISON.exec(t);
  if (m) {
    const n = Number(m[2]);
    if (m[1] === '<') return { low: null, high: n - 1 };
    if (m[1] === '>') return { low: n + 1, high: null };
    return m[1] === '<=' || m[1] === '≤' ? { low: null, high: n } : { low: n, high: null };
  }
  m = AT_LEAST.exec(t);
  if (m) return { low: Number(m[1]), high: null };
  m = OVER.exec(t);
  if (m) return { low: Number(m[1]) + 1, high: null };
  m = OPEN_BELOW.exec(t);
  if (m) return { low: null, high: Number(m[1]) };
  m = AT_MOST.exec(t);
  if (m) return { low: null, high: Number(m[1]) };
  m = UNDER.exec(t);
  if (m) return { low: null, high: Number(m[1]) - 1 };
  return null;
}

function ordered(a: number, b: number): NumericRange {
  return a <= b ? { low: a, high: b } : { low: b, high: a };
}

/** True when two ranges have the same bounds. */
export function sameRange(a: NumericRange, b: NumericRange): boolean {
  return a.low === b.low && a.high === b.high;
}

/**
 * Picks the labelled ranges whose union is exactly `target` (adjacent integer ranges, no gaps or overlaps).
 * Returns their indexes in ascending order, or null when no exact cover exists.
 */
export function exactCover(target: NumericRange, parts: ReadonlyArray<NumericRange | null>): number[] | null {
  const inside = parts
    .map((r, i) => ({ r, i }))
    .filter((p): p is { r: NumericRange; i: number } => p.r !== null && within(p.r, target))
    .sort((a, b) => (a.r.low ?? -Infinity) - (b.r.low ?? -Infinity));
  if (inside.length === 0) return null;
  const first = inside[0]!.r;
  const last = inside[inside.length - 1]!.r;
  if (first.low !== target.low || last.high !== target.high) return null;
  for (let k = 1; k < inside.length; k++) {
    const prevHigh = inside[k - 1]!.r.high;
    const low = inside[k]!.r.low;
    if (prevHigh === null || low === null || low !== prevHigh + 1) return null;
  }
  return inside.map((p) => p.i).sort((a, b) => a - b);
}

function within(r: NumericRange, outer: NumericRange): boolean {
  const lowOk = outer.low === null || (r.low !== null && r.low >= outer.low);
  const highOk = outer.high === null || (r.high !== null && r.high <= outer.high);
  return lowOk && highOk;
}
