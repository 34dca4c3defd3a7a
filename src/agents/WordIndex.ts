const DIGIT = /\d/;

/**
 * A set of normalised words answering "does any of them match this word by sameWord?" in constant time, so matching a
 * long text against many labels is linear instead of every word against every word. sameWord(a, b): equal, or the
 * shorter (3+ letters, no digit) is a prefix of the longer with at most two more characters.
 */
export class WordIndex {
  private readonly exact = new Set<string>();
  /** Words that can be the shorter side of a match (3+ characters, no digit). */
  private readonly stems = new Set<string>();
  /** Each word cut by one and by two characters: a query equal to a cut is the shorter side of a match. */
  private readonly cuts = new Set<string>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (this.exact.has(w)) continue;
      this.exact.add(w);
      if (w.length >= 3 && !DIGIT.test(w)) this.stems.add(w);
      if (w.length >= 4) this.cuts.add(w.slice(0, -1));
      if (w.length >= 5) this.cuts.add(w.slice(0, -2));
    }
  }

  /** Number of distinct words. */
  get size(): number {
    return this.exact.size;
  }

  /** True when some word of the index is the same word as `w` (see sameWord). */
  has(w: string): boolean {
    if (this.exact.has(w)) return true;
    if (w.length >= 3 && !DIGIT.test(w) && this.cuts.has(w)) return true;
    return (w.length >= 4 && this.stems.has(w.slice(0, -1))) || (w.length >= 5 && this.stems.has(w.slice(0, -2)));
  }

  /** True when every word of `words` has a match in the index. */
  hasAll(words: readonly string[]): boolean {
    return words.every((w) => this.has(w));
  }

  /** True when at least one word of `words` has a match in the index. */
  hasAny(words: readonly string[]): boolean {
    return words.some((w) => this.has(w));
  }
}
