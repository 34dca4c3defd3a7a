/** Where canonical lines go: one call per run, with the JSON text (no trailing newline). */
export type LineSink = (line: string) => void;

/** Default sink: the line plus "\n" on stdout, written directly (not through console, so it never becomes a breadcrumb). */
export const stdoutLineSink: LineSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/** An in-memory sink and the lines it received (tests, and callers that route lines themselves). */
export function memoryLineSink(): { sink: LineSink; lines: string[] } {
  const lines: string[] = [];
  return { sink: (line) => void lines.push(line), lines };
}
