import { inInterval, type Interval } from './numberMentions';

/** A union of intervals kept as disjoint sorted intervals, answering "which holds x?" in logarithmic time however many were given. */
export class IntervalUnion {
  /** The disjoint intervals, ascending. */
  readonly parts: Interval[] = [];

  constructor(intervals: readonly Interval[]) {
    const byLow = [...intervals].sort((a, b) => a.low - b.low || Number(a.lowOpen) - Number(b.lowOpen));
    for (const next of byLow) {
      const last = this.parts[this.parts.length - 1];
      const joins = last !== undefined && (next.low < last.high || (next.low === last.high && !(next.lowOpen && last.highOpen)));
      if (!joins) {
        this.parts.push({ ...next });
      } else if (next.high > last.high || (next.high === last.high && !next.highOpen)) {
        last.high = next.high;
        last.highOpen = next.highOpen;
      }
    }
  }

  /** Number of disjoint intervals. */
  get size(): number {
    return this.parts.length;
  }

  /** True when some interval holds x. */
  has(x: number): boolean {
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const part = this.parts[mid]!;
      if (inInterval(x, part)) return true;
      if (x < part.low || (x === part.low && part.lowOpen)) hi = mid - 1;
      else lo = mid + 1;
    }
    return false;
  }
}
