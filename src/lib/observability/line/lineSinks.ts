import type { RunEnd } from '@/lib/core/runEnd';
import { errorMessage } from '@/lib/core/errorMessage';
import type { CanonicalLine } from './canonicalSchema';

/** A run's finished line as every sink receives it: settled once, the same for all. */
export interface FinishedLine {
  /** The line's JSON text (no trailing newline). */
  readonly text: string;
  /** The line as an object: redacted, within its byte budget, valid against its schema. */
  readonly line: CanonicalLine;
  /** The set() keys on the line (the Sentry event keeps them in a context of their own). */
  readonly freeFields: readonly string[];
  /** How the run ended, as decided once (the error object, for the Sentry exception and its causes). */
  readonly end: RunEnd;
}

/**
 * Where a finished line goes: stdout, Sentry, the run folder's wide-event.json, the web record, a shared store. Each
 * sink is called once per run; a sink that throws or rejects is reported and never stops the others.
 */
export type LineSink = (finished: FinishedLine) => void | Promise<void>;

/** A sink of the line's text alone. */
export function textLineSink(write: (text: string) => void): LineSink {
  return (finished) => write(finished.text);
}

/** Default sink: the line plus "\n" on stdout, written directly (not through console, so it never becomes a breadcrumb). */
export const stdoutLineSink: LineSink = textLineSink((text) => {
  process.stdout.write(`${text}\n`);
});

/** An in-memory sink and the texts it received (tests, and callers that route lines themselves). */
export function memoryLineSink(): { sink: LineSink; lines: string[] } {
  const lines: string[] = [];
  return { sink: textLineSink((text) => void lines.push(text)), lines };
}

/**
 * Hand a finished line to every sink, each on its own: synchronous sinks run now, in order; the promise settles once
 * every asynchronous one has. Failures go to `report` (never thrown).
 */
export function deliverLine(finished: FinishedLine, sinks: readonly LineSink[], report: (message: string) => void): Promise<void> {
  const pending: Array<Promise<void>> = [];
  for (const sink of sinks) {
    try {
      const done = sink(finished);
      if (done) pending.push(done.catch((err: unknown) => report(`a line sink failed: ${errorMessage(err)}`)));
    } catch (err) {
      report(`a line sink failed: ${errorMessage(err)}`);
    }
  }
  return Promise.all(pending).then(() => undefined);
}
