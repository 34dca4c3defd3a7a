import { createRequire } from 'node:module';
import { bytesToBinaryString } from './binaryText';
import type { ReaderVariable } from './toSavVariable';

/** Dictionary and header of an opened file, as sav-reader exposes them. */
export interface SavReaderMeta {
  header: Record<string, unknown>;
  sysvars: ReaderVariable[];
  getValueLabels(varname: string): Array<{ val: number | string; label: string }> | null;
}

/** The byte-level reader inside sav-reader that all its text goes through. */
interface SavCommandReader {
  readString(len: number, trimEnd?: boolean): Promise<string>;
  readBytes(len: number): Promise<Buffer>;
}

/** sav-reader's in-memory reader (only its dictionary loading is used: records are decoded by iterateSavRows). */
export interface SavBufferReaderInstance {
  reader: SavCommandReader;
  meta: SavReaderMeta;
  open(): Promise<void>;
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
 * A sav-reader over `buf` whose text comes back as binary strings (see binaryText.ts): the library
 * always decodes text as UTF-8, which garbles files in other encodings; binary strings let the caller
 * decode labels in the file's declared encoding.
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
