import { inflateSync } from 'node:zlib';
import { ByteCursor } from './ByteCursor';
import { SavFormatError } from './SavFormatError';

/** One ZLIB data block as the trailer describes it. */
export interface ZlibBlock {
  compressedOffset: number;
  compressedSize: number;
  /** The size the block says it inflates to. */
  declaredSize: number;
}

/** Bytes of the ZLIB header that starts a ZLIB file's data section. */
export const ZLIB_HEADER_BYTES = 24;
/** Bytes of the trailer's own header, and of each block's entry after it. */
const TRAILER_HEADER_BYTES = 24;
const BLOCK_ENTRY_BYTES = 24;

/** Where the trailer is, from the ZLIB header (the first 24 bytes of the data section) and the file's size. */
export function zlibTrailerPlace(zlibHeader: Buffer, fileSize: number): { offset: number; length: number } {
  const c = new ByteCursor(zlibHeader);
  c.int64('the ZLIB header');
  const offset = c.int64('the ZLIB header');
  const length = c.int64('the ZLIB header');
  if (offset < 0 || length < 0 || offset + length > fileSize) throw new SavFormatError('the file ends before the ZLIB trailer');
  return { offset, length };
}

/** The data blocks a ZLIB trailer describes, each checked to lie inside a file of `fileSize` bytes (nothing inflated). */
export function parseZlibTrailer(trailer: Buffer, fileSize: number): ZlibBlock[] {
  const t = new ByteCursor(trailer);
  t.skip(16, 'the ZLIB trailer');
  t.int32('the ZLIB trailer');
  const blockCount = t.int32('the ZLIB trailer');
  if (blockCount < 0) throw new SavFormatError('the ZLIB trailer declares a negative number of blocks');
  // A count larger than the trailer holds is a lie, caught before looping on it.
  t.need(blockCount * BLOCK_ENTRY_BYTES, 'the ZLIB trailer');
  const blocks: ZlibBlock[] = [];
  for (let i = 0; i < blockCount; i++) {
    t.int64('the ZLIB trailer');
    const compressedOffset = t.int64('the ZLIB trailer');
    const declaredSize = t.int32('the ZLIB trailer');
    const compressedSize = t.int32('the ZLIB trailer');
    if (compressedOffset < 0 || compressedSize < 0 || compressedOffset + compressedSize > fileSize) {
      throw new SavFormatError('the file ends inside a ZLIB data block');
    }
    if (declaredSize < 0) throw new SavFormatError('a ZLIB data block declares a negative size');
    blocks.push({ compressedOffset, compressedSize, declaredSize });
  }
  return blocks;
}

/** Where a ZLIB-compressed file's ($FL3) data blocks are, read from its ZLIB header and trailer (nothing inflated). */
export function readZlibTrailer(buf: Buffer, dataOffset: number): ZlibBlock[] {
  const place = zlibTrailerPlace(buf.subarray(dataOffset, dataOffset + ZLIB_HEADER_BYTES), buf.length);
  if (place.length < TRAILER_HEADER_BYTES) throw new SavFormatError('the file ends inside the ZLIB trailer');
  return parseZlibTrailer(buf.subarray(place.offset, place.offset + place.length), buf.length);
}

/**
 * Inflate the blocks one at a time, each with an output limit of its declared size: a block that would inflate past
 * what it declares is stopped there (a lie about its size never costs more than the declared bytes).
 */
export function* inflateZlibBlocks(buf: Buffer, blocks: readonly ZlibBlock[]): Generator<Buffer> {
  for (const block of blocks) {
    const input = buf.subarray(block.compressedOffset, block.compressedOffset + block.compressedSize);
    let inflated: Buffer;
    try {
      // maxOutputLength must be at least 1; a block declaring 0 bytes that inflates to anything fails the check below.
      inflated = inflateSync(input, { maxOutputLength: Math.max(1, block.declaredSize) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw new SavFormatError(`a ZLIB data block inflates to more than the ${block.declaredSize} bytes it declares`);
      throw new SavFormatError('a ZLIB data block cannot be decompressed');
    }
    if (inflated.length !== block.declaredSize) throw new SavFormatError('a ZLIB data block has the wrong size');
    yield inflated;
  }
}
