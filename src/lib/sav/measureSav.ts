import { open, type FileHandle } from 'node:fs/promises';
import { UNIT_BYTES } from './dataUnits';
import { scanSavDictionary, type SavDictionaryScan } from './scanSavDictionary';
import { SavFormatError } from './SavFormatError';
import { parseZlibTrailer, ZLIB_HEADER_BYTES, zlibTrailerPlace } from './zlibBlocks';

/** What a .sav's header and dictionary say about its size, read without decoding a case. */
export interface SavMeasure {
  variables: number;
  /** The header's case count, or -1 when the writer did not record it. */
  declaredCases: number;
  /**
   * The data's decoded size (cases × 8 bytes per segment): exact when the header gives the case count, else the most
   * the data section could decode to (bytecode expands each code byte to 8 bytes; ZLIB blocks inflate to what they declare).
   */
  decodedBytes: number;
}

/** First read of a file's head; doubled until the dictionary fits. */
const FIRST_READ = 64 * 1024;

async function readAt(handle: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, offset);
  return buf.subarray(0, bytesRead);
}

/** The dictionary scan from the file's head, reading more only while the dictionary runs past what was read. */
async function scanHead(handle: FileHandle, size: number): Promise<{ head: Buffer; scan: SavDictionaryScan }> {
  for (let length = Math.min(FIRST_READ, size); ; length = Math.min(length * 2, size)) {
    const head = await readAt(handle, 0, length);
    try {
      return { head, scan: scanSavDictionary(head) };
    } catch (err) {
      if (!(err instanceof SavFormatError) || length >= size) throw err;
    }
  }
}

/** What a ZLIB file's blocks declare in all, from its ZLIB header and trailer (the blocks themselves are not read). */
async function zlibDeclaredBytes(handle: FileHandle, size: number, scan: SavDictionaryScan): Promise<number> {
  const place = zlibTrailerPlace(await readAt(handle, scan.dataOffset, ZLIB_HEADER_BYTES), size);
  const blocks = parseZlibTrailer(await readAt(handle, place.offset, place.length), size);
  return blocks.reduce((sum, b) => sum + b.declaredSize, 0);
}

/**
 * Measure a .sav from its header, dictionary and (for ZLIB files) trailer, reading no more of it than those: what its
 * data decodes to, so a caller can choose where to decode it before any case is. Throws when the file is unreadable or
 * its structure is broken (reading it reports why).
 */
export async function measureSav(file: string): Promise<SavMeasure> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const { scan } = await scanHead(handle, size);
    const caseBytes = scan.segmentsPerCase * UNIT_BYTES;
    const dataBytes = Math.max(0, size - scan.dataOffset);
    let decodedBytes: number;
    if (scan.caseCount >= 0) decodedBytes = scan.caseCount * caseBytes;
    else if (scan.magic === '$FL3') decodedBytes = UNIT_BYTES * (await zlibDeclaredBytes(handle, size, scan));
    else decodedBytes = scan.compression === 0 ? dataBytes : UNIT_BYTES * dataBytes;
    return { variables: scan.variableCount, declaredCases: scan.caseCount, decodedBytes };
  } finally {
    await handle.close();
  }
}
