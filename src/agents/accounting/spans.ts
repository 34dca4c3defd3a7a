/** A stretch of a text, by character offsets (end excluded). */
export interface Span {
  start: number;
  end: number;
}

/**
 * The items that overlap none of the spans, in their order, in time linear in both (after sorting): the spans are merged
 * once and walked alongside the items, so a long text with many of each is never compared pair by pair.
 */
export function outsideSpans<T extends Span>(items: readonly T[], spans: readonly Span[]): T[] {
  if (spans.length === 0 || items.length === 0) return [...items];
  const merged = mergeSpans(spans);
  const order = items.map((item, i) => ({ item, i })).sort((a, b) => a.item.start - b.item.start);
  const keep = new Array<boolean>(items.length).fill(true);
  let k = 0;
  for (const { item, i } of order) {
    while (k < merged.length && merged[k]!.end <= item.start) k++;
    const span = merged[k];
    if (span && span.start < item.end) keep[i] = false;
  }
  return items.filter((_, i) => keep[i]);
}

/** Spans sorted and joined where they overlap or touch. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/**
 * Spans sorted by start, answering "which of them overlap this span?" by binary search: each answer costs its own size
 * when the spans do not nest (label occurrences, see labelOccurrences), however many there are.
 */
export class SpanIndex<T extends Span> {
  private readonly sorted: T[];
  /** The furthest end of the spans up to each position (non-decreasing, so it can be searched). */
  private readonly reach: number[];

  constructor(spans: readonly T[]) {
    this.sorted = [...spans].sort((a, b) => a.start - b.start);
    let far = -Infinity;
    this.reach = this.sorted.map((s) => (far = Math.max(far, s.end)));
  }

  /** The spans that share at least one character with `span`, in order of start. */
  overlapping(span: Span): T[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.reach[mid]! > span.start) hi = mid;
      else lo = mid + 1;
    }
    const out: T[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.start < span.end; i++) if (this.sorted[i]!.end > span.start) out.push(this.sorted[i]!);
    return out;
  }
}
