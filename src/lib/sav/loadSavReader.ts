import { createRequire } from 'node:module';
import { bytesToBinaryString } from './binaryText';

/** Dictionary and header of an opened file, as sav-reader exposes them. */
export interface SavReaderMeta {
  header: Record<string, unknown>;
  sysvars: unknown[];
  getValueLabels(varname: string): Array<{ val: number | string; label: string }> | null;
}

/** The byte-level reader inside sav-reader that all its text goes through. */
interface SavCommandReader {
  readString(len: number, trimEnd?: boolean): Promise<string>;
  readBytes(len: number): Promise<Buffer>;
}

/** sav-reader's in-memory reader. */
export interface SavBufferReaderInstance {
  reader: SavCommandReader;
  meta: SavReaderMeta;
  open(): Promise<void>;
  readAllRows(includeNulls?: boolean): Promise<Array<Record<string, unknown>>>;
}

type SavBufferReaderClass = new (buffer: Buffer) => SavBufferReaderInstance;

let cached: SavBufferReaderClass | undefined;

/**
 * sav-reader's SavBufferReader. The package is CommonJS and declares only a `require` export
 * condition, so ESM-first resolvers (bundlers, the test runner) cannot `import` it; Node's require can.
 */
function savBufferReaderClass(): SavBufferReaderClass {
  cached ??= (createRequire(import.meta.url)('sav-reader') as { SavBufferReader: SavBufferReaderClass }).SavBufferReader;
  return cached;
}

/**
 * A sav-reader over `buf` whose text comes back as binary strings (see binaryText.ts). The library
 * decodes each 8-byte piece of a string value as UTF-8 on its own, which breaks characters that span
 * two pieces and every non-UTF-8 file; binary strings let the caller decode whole values correctly.
 */
export function createSavBufferReader(buf: Buffer): SavBufferReaderInstance {
  const SavBufferReader = savBufferReaderClass();
  const reader = new SavBufferReader(buf);
  const commands = reader.reader;
  commands.readString = async (len: number, trimEnd = false) => {
    if (len < 1) return '';
    const s = bytesToBinaryString(await commands.readBytes(len));
    return trimEnd ? s.trimEnd() : s;
  };
  return reader;
}
