const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/**
 * The lines of a document, split at every line break (CRLF, LF, a lone CR, U+2028, U+2029). No line holds a line
 * terminator, so `.` in a line pattern matches every character and anchored patterns cannot stall on one.
 */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}
