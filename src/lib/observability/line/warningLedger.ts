import type { RunWarning, RunWarnings } from './canonicalSchema';
import { truncateString } from './serialize';

/** Warnings kept in full in the line; the rest are only counted. */
export const MAX_WARNINGS_KEPT = 10;
/** Longest warning message kept. */
const MAX_WARNING_MESSAGE = 300;
/** Actions that leave out part of what the user asked for (or a whole stage): such a run is `partial`. */
const DROPPING_ACTIONS: ReadonlySet<string> = new Set(['dropped-item', 'skipped-stage']);

/** A problem the run continued past. */
export interface WarningInput {
  classification: string;
  action: string;
  stage?: string;
  message: string;
}

/** Counts every warning of a run by classification and keeps the first few, bounded. */
export class WarningLedger {
  private count = 0;
  private dropped = 0;
  private readonly byClassification = new Map<string, number>();
  private readonly first: RunWarning[] = [];

  add(w: WarningInput): void {
    this.count += 1;
    const classification = truncateString(String(w.classification), 50);
    this.byClassification.set(classification, (this.byClassification.get(classification) ?? 0) + 1);
    if (DROPPING_ACTIONS.has(w.action)) this.dropped += 1;
    if (this.first.length < MAX_WARNINGS_KEPT) {
      const kept: RunWarning = {
        classification,
        action: truncateString(String(w.action), 50),
        message: truncateString(String(w.message), MAX_WARNING_MESSAGE),
      };
      if (w.stage !== undefined) kept.stage = truncateString(String(w.stage), 100);
      this.first.push(kept);
    }
  }

  /** Whether any warning dropped part of what was asked for (the run is then `partial`). */
  get droppedAny(): boolean {
    return this.dropped > 0;
  }

  /** The line's warnings block, or undefined when there were none. */
  block(): RunWarnings | undefined {
    if (this.count === 0) return undefined;
    return { count: this.count, byClassification: Object.fromEntries(this.byClassification), dropped: this.dropped, first: this.first.map((w) => ({ ...w })) };
  }
}
