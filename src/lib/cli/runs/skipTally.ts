import { keptText } from './keptText';
import type { SkipReason } from './parseRunLine';

/** Longest first occurrence kept per reason (a schema path may quote a key of any length). */
const MAX_FIRST = 500;

/** Lines skipped while reading, by reason, each with where it first happened. */
export class SkipTally {
  private readonly counts = new Map<SkipReason, { count: number; first: string }>();

  /** Count one skipped line. */
  add(reason: SkipReason, origin: string, detail: string): void {
    const seen = this.counts.get(reason);
    if (seen) seen.count += 1;
    else this.counts.set(reason, { count: 1, first: keptText(`${origin}: ${detail}`, MAX_FIRST) });
  }

  /** Lines skipped in all. */
  get total(): number {
    let n = 0;
    for (const { count } of this.counts.values()) n += count;
    return n;
  }

  /** Counts by reason, with the first occurrence of each (for --json). */
  toJSON(): { count: number; byReason: Record<string, { count: number; first: string }> } {
    return { count: this.total, byReason: Object.fromEntries(this.counts) };
  }

  /** The one-line note for stderr (`skipped 2 lines: 1 broken JSON (app.log:14: …), …`), or undefined when none was skipped. */
  note(): string | undefined {
    if (this.total === 0) return undefined;
    const parts = [...this.counts].map(([reason, { count, first }]) => `${count} ${reason} (${count > 1 ? 'first ' : ''}${first})`);
    return `skipped ${this.total} line${this.total === 1 ? '' : 's'}: ${parts.join(', ')}`;
  }
}
