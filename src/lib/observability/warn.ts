/** Receives the module's own warnings (never the pipeline's errors). */
export type WarningSink = (message: string) => void;

/** Default warning sink: one line on stderr. Never throws. */
export const stderrWarning: WarningSink = (message) => {
  try {
    process.stderr.write(`[observability] ${message}\n`);
  } catch {
    // stderr closed: nothing left to tell.
  }
};
