/** How every canonical line begins: `{"kind":"pipeline.run"` (the line is written with `kind` first, without spaces). */
export const CANONICAL_LINE_MARKER = '{"kind":"pipeline.run"';

/**
 * The canonical JSON in one log line, or undefined when the line holds none. The line may carry a prefix added on the
 * way (a container name, a timestamp): the JSON starts at the marker and runs to the end of the line.
 */
export function canonicalJsonIn(line: string): string | undefined {
  const at = line.indexOf(CANONICAL_LINE_MARKER);
  return at < 0 ? undefined : line.slice(at).trimEnd();
}
