import { inflateSync } from 'node:zlib';
import { ByteCursor } from './ByteCursor';
import { SavFormatError } from './SavFormatError';
import type { SavDictionaryScan } from './scanSavDictionary';

const COMPRESSION_FIELD_OFFSET = 72;

/**
 * Rewrite a ZLIB-compressed system file ($FL3) as the equivalent bytecode-compressed one ($FL2):
 * same header and dictionary, data blocks inflated. The reader library only understands $FL2.
 */
export function inflateZlibSav(buf: Buffer, scan: SavDictionaryScan): Buffer {
  const c = new ByteCursor(buf, scan.dataOffset);
  c.int64('the ZLIB header');
  const trailerOffset = c.int64('the ZLIB header');
  const trailerLength = c.int64('the ZLIB header');
  if (trailerOffset + trailerLength > buf.length) throw new SavFormatError('the file ends before the ZLIB trailer');

  const t = new ByteCursor(buf, trailerOffset);
  t.skip(16, 'the ZLIB trailer');
  t.int32('the ZLIB trailer');
  const blockCount = t.int32('the ZLIB trailer');
  const blocks: Buffer[] = [];
  for (let i = 0; i < blockCount; i++) {
    t.int64('the ZLIB trailer');
    const compressedOffset = t.int64('the ZLIB trailer');
    const uncompressedSize = t.int32('the ZLIB trailer');
    const compressedSize = t.int32('the ZLIB trailer');
    if (compressedOffset + compressedSize > buf.length) throw new SavFormatError('the file ends inside a ZLIB data block');
    let block: Buffer;
    try {
      block = inflateSync(buf.subarray(compressedOffset, compressedOffset + compressedSize));
    } catch {
      throw new SavFormatError('a ZLIB data block cannot be decompressed');
    }
    if (block.length !== uncompressedSize) throw new SavFormatError('a ZLIB data block has the wrong size');
    blocks.push(block);
  }

  const head = Buffer.from(buf.subarray(0, scan.dataOffset));
  head.write('$FL2', 0, 'latin1');
  head.writeInt32LE(1, COMPRESSION_FIELD_OFFSET);
  return Buffer.concat([head, ...blocks]);
}
