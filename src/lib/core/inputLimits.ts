/**
 * How much one run may read and make: every limit is checked as early as the bytes allow (most from the .sav's header
 * and dictionary, before a case is decoded), so no input can make a run, or the process hosting it, run out of memory.
 */
export interface InputLimits {
  /** Decoded size of the .sav's data (cases × 8 bytes per value segment), whatever its size on disk. */
  maxDecodedBytes: number;
  /** Declared (and inflated) size of one ZLIB data block of a compressed .sav. */
  maxZlibBlockBytes: number;
  /** Cases × variables. */
  maxCells: number;
  /** Variables in the dictionary. */
  maxVariables: number;
  /** Tables one run makes. */
  maxTables: number;
}

const MIB = 1024 * 1024;

/**
 * Defaults: a 30,000 × 300 survey (9 million cells, 69 MiB decoded, ~300 tables) sits well inside each; a run at the
 * limits stays within about 1 GiB. PSPP and SPSS write ZLIB blocks of about 4 MiB.
 */
export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxDecodedBytes: 256 * MIB,
  maxZlibBlockBytes: 16 * MIB,
  maxCells: 25_000_000,
  maxVariables: 20_000,
  maxTables: 2_000,
};

/** The setting that holds each limit (named in every message about it). */
export const INPUT_LIMIT_SETTINGS: Record<keyof InputLimits, string> = {
  maxDecodedBytes: 'SAV_MAX_DECODED_MB',
  maxZlibBlockBytes: 'SAV_MAX_ZLIB_BLOCK_MB',
  maxCells: 'SAV_MAX_CELLS',
  maxVariables: 'SAV_MAX_VARIABLES',
  maxTables: 'MAX_TABLES',
};
