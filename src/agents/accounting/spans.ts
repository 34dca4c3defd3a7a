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
