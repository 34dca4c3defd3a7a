import { CANONICAL_LINE_MARKER } from './canonicalLineText';

/** A log line holding canonical JSON (from the marker to the end of the line), or one too long to read. */
export type LogLine = { kind: 'canonical'; json: string; lineNo: number } | { kind: 'too long'; lineNo: number };

const MARKER = Buffer.from(CANONICAL_LINE_MARKER);
const NEWLINE = 0x0a;

/**
 * The lines of a byte stream that hold the canonical marker, read chunk by chunk. At most `maxBytes` of one line are
 * ever held: a longer line is dropped piece by piece up to its newline and reported as `too long` when its held part
 * held the marker (a longer line of other output is ignored). Other lines are never decoded to text.
 */
export async function* logLines(stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, maxBytes: number): AsyncGenerator<LogLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let dropping: 'no' | 'canonical' | 'other' = 'no';
  let lineNo = 0;

  const end = (): LogLine | undefined => {
    lineNo += 1;
    const was = dropping;
    const line = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    dropping = 'no';
    if (was === 'canonical') return { kind: 'too long', lineNo };
    if (was === 'other') return undefined;
    const at = line.indexOf(MARKER);
    return at < 0 ? undefined : { kind: 'canonical', json: line.toString('utf8', at).trimEnd(), lineNo };
  };

  const hold = (piece: Buffer): void => {
    if (dropping !== 'no') return;
    if (size + piece.length <= maxBytes) {
      parts.push(piece);
      size += piece.length;
      return;
    }
    dropping = Buffer.concat([...parts, piece]).indexOf(MARKER) >= 0 ? 'canonical' : 'other';
    parts = [];
    size = 0;
  };

  for await (const data of stream) {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      hold(chunk.subarray(start, nl));
      const found = end();
      if (found) yield found;
      start = nl + 1;
    }
    if (start < chunk.length) hold(chunk.subarray(start));
  }
  if (size > 0 || dropping !== 'no') {
    const found = end();
    if (found) yield found;
  }
}
