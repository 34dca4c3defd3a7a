import { SavFormatError } from './SavFormatError';

/** Little-endian reader over a buffer that fails with SavFormatError instead of reading past the end. */
export class ByteCursor {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}

  /** Throw when fewer than `n` bytes remain. */
  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.buf.length) throw new SavFormatError(`the file ends inside ${what}`);
  }

  /** Read a signed 32-bit integer. */
  int32(what: string): number {
    this.need(4, what);
    const v = this.buf.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** Read a 64-bit float. */
  float64(what: string): number {
    this.need(8, what);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Read a signed 64-bit integer as a number (file offsets stay far below 2^53). */
  int64(what: string): number {
    this.need(8, what);
    const v = Number(this.buf.readBigInt64LE(this.pos));
    this.pos += 8;
    return v;
  }

  /** Skip `n` bytes. */
  skip(n: number, what: string): void {
    this.need(n, what);
    this.pos += n;
  }

  /** Read `n` bytes as text (trailing spaces removed). */
  text(n: number, what: string): string {
    this.need(n, what);
    const s = this.buf.toString('utf8', this.pos, this.pos + n).trimEnd();
    this.pos += n;
    return s;
  }
}
