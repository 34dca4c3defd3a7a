import type { DataUnits } from './dataUnits';

/** What the next 8-byte segment of a case is. */
export const Segment = {
  /** The data has ended. */
  End: 0,
  /** A number coded in the compression codes (`DataSegments.number`). */
  Number: 1,
  /** Eight bytes as stored (`DataSegments.bytes`): a double, or eight bytes of text. */
  Bytes: 2,
  /** Eight spaces of text. */
  Spaces: 3,
  /** The system-missing value. */
  Sysmis: 4,
} as const;
/** One of the Segment kinds. */
export type Segment = (typeof Segment)[keyof typeof Segment];

const END_OF_DATA = 252;
const RAW_SEGMENT = 253;
const SPACES = 254;
const SYSMIS_CODE = 255;

/**
 * The segments of the data section, with bytecode compression expanded (compression 1, also inside ZLIB blocks) or
 * as stored (compression 0). One reader walks the whole section; nothing is allocated per segment.
 */
export class DataSegments {
  /** The value of the last Number segment. */
  number = 0;
  /** The bytes of the last Bytes segment, valid until the next call. */
  bytes: Buffer = Buffer.alloc(0);
  private codes: Buffer = Buffer.alloc(8);
  private nextCode = 8;
  private ended = false;

  constructor(
    private readonly units: DataUnits,
    private readonly compressed: boolean,
    private readonly bias: number,
  ) {}

  /** Read the next segment. */
  next(): Segment {
    if (!this.compressed) return this.raw();
    for (;;) {
      if (this.ended) return Segment.End;
      if (this.nextCode === 8) {
        const unit = this.units.next();
        if (unit === null) return Segment.End;
        unit.copy(this.codes);
        this.nextCode = 0;
      }
      const code = this.codes[this.nextCode++] as number;
      if (code === 0) continue;
      if (code === END_OF_DATA) {
        this.ended = true;
        return Segment.End;
      }
      if (code === RAW_SEGMENT) return this.raw();
      if (code === SPACES) return Segment.Spaces;
      if (code === SYSMIS_CODE) return Segment.Sysmis;
      this.number = code - this.bias;
      return Segment.Number;
    }
  }

  private raw(): Segment {
    const unit = this.units.next();
    if (unit === null) return Segment.End;
    this.bytes = unit;
    return Segment.Bytes;
  }
}
