import type { CaseTable } from '@/lib/core/CaseTable';
import type { CooperativeClock } from '@/lib/core/cooperative';
import type { InputLimits } from '@/lib/core/inputLimits';
import { CaseColumnsBuilder } from './caseColumnsBuilder';
import { DataSegments, Segment } from './dataSegments';
import { checkCases, type CaseShape } from './savLimitChecks';
import { SavFormatError } from './SavFormatError';

/** How one variable's value is laid out in a case: a number, or string pieces of `segments` × 8 bytes each. */
export type ValueLayout = { kind: 'numeric' } | { kind: 'string'; pieces: number[] };

/** Largest string piece: longer strings are split into 255-byte pieces stored in 256-byte slots. */
const MAX_PIECE_BYTES = 255;
/** Cases decoded between two cooperative checkpoints. */
const CASES_PER_CHECKPOINT = 512;
const SPACES = Buffer.from('        ', 'latin1');

/** What decoding found: the cases, and whether the data stopped part-way through one (the partial case is dropped). */
export interface DecodedCases {
  cases: CaseTable;
  partial: boolean;
}

/** What decoding needs besides the data: the layout, the declared case count (-1 unknown) and the limits. */
export interface CaseDecoding {
  file: string;
  layout: readonly ValueLayout[];
  declaredCases: number;
  decodeText: (bytes: Buffer) => string;
  limits: InputLimits;
  clock?: CooperativeClock;
}

function numberOf(segments: DataSegments, kind: Segment): number {
  if (kind === Segment.Number) return segments.number;
  if (kind === Segment.Sysmis) return Number.NaN;
  if (kind === Segment.Bytes) {
    const value = segments.bytes.readDoubleLE(0);
    return value === -Number.MAX_VALUE ? Number.NaN : value;
  }
  throw new SavFormatError('a numeric value is stored as text');
}

/**
 * Decode the cases into columns, stopping at the header's case count when it has one. The cells and decoded size are
 * checked before anything is decoded when the header gives the count, else as the cases come: decoding never goes past a
 * limit. With a clock, pauses between batches of cases (keeping a host thread responsive) and stops once cancelled.
 */
export async function decodeCases(segments: DataSegments, d: CaseDecoding): Promise<DecodedCases> {
  const shape: CaseShape = {
    variables: d.layout.length,
    bytesPerCase: 8 * d.layout.reduce((n, l) => n + (l.kind === 'numeric' ? 1 : l.pieces.reduce((a, b) => a + b, 0)), 0),
  };
  if (d.declaredCases >= 0) checkCases(d.file, d.declaredCases, shape, d.limits, true);
  const maxCases = Math.min(Math.floor(d.limits.maxCells / shape.variables), Math.floor(d.limits.maxDecodedBytes / Math.max(1, shape.bytesPerCase)));
  const builder = new CaseColumnsBuilder(
    d.layout.map((l) => l.kind),
    Math.max(0, d.declaredCases),
  );
  const maxString = d.layout.reduce((m, l) => Math.max(m, l.kind === 'string' ? l.pieces.length * MAX_PIECE_BYTES : 0), 0);
  const text = Buffer.alloc(maxString);

  let n = 0;
  for (;;) {
    if (n === d.declaredCases) return { cases: builder.build(n), partial: false };
    let started = false;
    for (let v = 0; v < d.layout.length; v++) {
      const layout = d.layout[v] as ValueLayout;
      if (layout.kind === 'numeric') {
        const kind = segments.next();
        if (kind === Segment.End) return { cases: builder.build(n), partial: started };
        started = true;
        builder.setNumber(v, n, numberOf(segments, kind));
        continue;
      }
      let length = 0;
      for (const pieceSegments of layout.pieces) {
        const pieceStart = length;
        for (let i = 0; i < pieceSegments; i++) {
          const kind = segments.next();
          if (kind === Segment.End) return { cases: builder.build(n), partial: started };
          started = true;
          if (kind !== Segment.Bytes && kind !== Segment.Spaces) throw new SavFormatError('a string value is stored as a number');
          const bytes = kind === Segment.Bytes ? segments.bytes : SPACES;
          const room = pieceStart + MAX_PIECE_BYTES - length;
          if (room > 0) length += bytes.copy(text, length, 0, Math.min(8, room));
        }
      }
      builder.setText(v, n, d.decodeText(text.subarray(0, length)).trimEnd());
    }
    n++;
    // Past maxCases one limit is crossed: the data goes on beyond what the header (which gave no count) could declare.
    if (n > maxCases) checkCases(d.file, n, shape, d.limits, false);
    if (d.clock && n % CASES_PER_CHECKPOINT === 0) await d.clock.checkpoint();
  }
}
