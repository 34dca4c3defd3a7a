import { SavFormatError } from './SavFormatError';
import type { SavDictionaryScan } from './scanSavDictionary';

/** How one variable's value is laid out in a case: a number, or string pieces of `segments` × 8 bytes each. */
export type ValueLayout = { kind: 'numeric' } | { kind: 'string'; pieces: number[] };

const END_OF_DATA = 252;
const RAW_SEGMENT = 253;
const SPACES = 254;
const SYSMIS_CODE = 255;
/** Largest string piece: longer strings are split into 255-byte pieces stored in 256-byte slots. */
const MAX_PIECE_BYTES = 255;
const SPACE_SEGMENT = Buffer.from('        ', 'latin1');

/** One 8-byte segment of a case as stored in the data section. */
type Segment = { number: number } | { bytes: Buffer } | { spaces: true } | { sysmis: true };

/** Yields the data section's segments, expanding bytecode compression; null at the end of the data. */
function segmentReader(buf: Buffer, scan: SavDictionaryScan): () => Segment | null {
  let pos = scan.dataOffset;
  if (scan.compression === 0) {
    return () => {
      if (pos + 8 > buf.length) return null;
      const bytes = buf.subarray(pos, pos + 8);
      pos += 8;
      return { bytes };
    };
  }
  let commands: Buffer | null = null;
  let next = 8;
  let ended = false;
  return () => {
    for (;;) {
      if (ended) return null;
      if (next === 8) {
        if (pos + 8 > buf.length) return null;
        commands = buf.subarray(pos, pos + 8);
        pos += 8;
        next = 0;
      }
      const code = commands![next++]!;
      if (code === 0) continue;
      if (code === END_OF_DATA) {
        ended = true;
        return null;
      }
      if (code === RAW_SEGMENT) {
        if (pos + 8 > buf.length) return null;
        const bytes = buf.subarray(pos, pos + 8);
        pos += 8;
        return { bytes };
      }
      if (code === SPACES) return { spaces: true };
      if (code === SYSMIS_CODE) return { sysmis: true };
      return { number: code - scan.bias };
    }
  };
}

function numberOf(segment: Segment): number | null {
  if ('number' in segment) return segment.number;
  if ('bytes' in segment) {
    const value = segment.bytes.readDoubleLE(0);
    return value === -Number.MAX_VALUE || Number.isNaN(value) ? null : value;
  }
  if ('sysmis' in segment) return null;
  throw new SavFormatError('a numeric value is stored as text');
}

function bytesOf(segment: Segment): Buffer {
  if ('bytes' in segment) return segment.bytes;
  if ('spaces' in segment) return SPACE_SEGMENT;
  throw new SavFormatError('a string value is stored as a number');
}

/** Decode cases one at a time, so a caller can pause between them; the return value says whether the data stopped part-way through a case. */
export function* iterateSavRows(buf: Buffer, scan: SavDictionaryScan, layout: ValueLayout[]): Generator<Array<number | Buffer | null>, boolean> {
  const next = segmentReader(buf, scan);
  for (;;) {
    const row: Array<number | Buffer | null> = [];
    let started = false;
    for (const value of layout) {
      if (value.kind === 'numeric') {
        const segment = next();
        if (segment === null) return started;
        started = true;
        row.push(numberOf(segment));
        continue;
      }
      const parts: Buffer[] = [];
      for (const segments of value.pieces) {
        const piece: Buffer[] = [];
        for (let i = 0; i < segments; i++) {
          const segment = next();
          if (segment === null) return started;
          started = true;
          piece.push(bytesOf(segment));
        }
        parts.push(Buffer.concat(piece).subarray(0, MAX_PIECE_BYTES));
      }
      row.push(Buffer.concat(parts));
    }
    yield row;
  }
}
