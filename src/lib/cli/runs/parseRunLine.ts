import { readCanonicalLine, type LineSkipReason, type ReadLine } from '@/lib/observability/line';

/** One run as read: its line (in the current shape), the line as it was written, and where it was read. */
export interface ReadRun extends ReadLine {
  /** Where the line was read: `file:line`, `stdin:line` or a run folder's `wide-event.json`. */
  origin: string;
}

/** Why a line holding the marker was not read: the reader's reasons, and a log line over the reader's size limit. */
export type SkipReason = 'line too long' | LineSkipReason;

/** The outcome of reading one canonical line. */
export type ParsedRunLine = { ok: true; run: ReadRun } | { ok: false; reason: SkipReason; detail: string };

/** Read one canonical JSON text (from the marker to the end of a log line) with the one line reader; never throws. */
export function parseRunLine(json: string, origin: string): ParsedRunLine {
  const reading = readCanonicalLine(json);
  return reading.ok ? { ok: true, run: { ...reading.read, origin } } : reading;
}
