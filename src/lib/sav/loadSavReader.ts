import { createRequire } from 'node:module';

/** Dictionary and header of an opened file, as sav-reader exposes them. */
export interface SavReaderMeta {
  header: Record<string, unknown>;
  sysvars: unknown[];
  getValueLabels(varname: string): Array<{ val: number | string; label: string }> | null;
}

/** sav-reader's in-memory reader. */
export interface SavBufferReaderInstance {
  meta: SavReaderMeta;
  open(): Promise<void>;
  readAllRows(includeNulls?: boolean): Promise<Array<Record<string, unknown>>>;
}

type SavBufferReaderClass = new (buffer: Buffer) => SavBufferReaderInstance;

let cached: SavBufferReaderClass | undefined;

/**
 * Load sav-reader's SavBufferReader. The package is CommonJS and declares only a `require` export
 * condition, so ESM-first resolvers (bundlers, the test runner) cannot `import` it; Node's require can.
 */
export function loadSavBufferReader(): SavBufferReaderClass {
  cached ??= (createRequire(import.meta.url)('sav-reader') as { SavBufferReader: SavBufferReaderClass }).SavBufferReader;
  return cached;
}
