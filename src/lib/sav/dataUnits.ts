/** Bytes of one unit of a .sav's data section: a value segment or a block of eight compression codes. */
export const UNIT_BYTES = 8;

/**
 * The data section as 8-byte units, read from a series of chunks (the section itself, or its ZLIB blocks inflated one at
 * a time, so no more than one block is ever held). A unit split across two chunks is joined; a partial unit at the end
 * of the data counts as the end.
 */
export class DataUnits {
  private chunk: Buffer = Buffer.alloc(0);
  private pos = 0;
  private readonly carry = Buffer.alloc(UNIT_BYTES);

  constructor(private readonly chunks: Iterator<Buffer>) {}

  /** The next unit, or null at the end of the data. The buffer is only valid until the next call. */
  next(): Buffer | null {
    if (this.pos + UNIT_BYTES <= this.chunk.length) {
      const unit = this.chunk.subarray(this.pos, this.pos + UNIT_BYTES);
      this.pos += UNIT_BYTES;
      return unit;
    }
    let filled = 0;
    while (filled < UNIT_BYTES) {
      if (this.pos >= this.chunk.length && !this.advance()) return null;
      const take = Math.min(UNIT_BYTES - filled, this.chunk.length - this.pos);
      this.chunk.copy(this.carry, filled, this.pos, this.pos + take);
      this.pos += take;
      filled += take;
    }
    return this.carry;
  }

  private advance(): boolean {
    for (;;) {
      const r = this.chunks.next();
      if (r.done) return false;
      if (r.value.length === 0) continue;
      this.chunk = r.value;
      this.pos = 0;
      return true;
    }
  }
}
