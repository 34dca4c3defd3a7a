import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh temporary folder for one test. */
export function tempDir(prefix = 'crosstab-web-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A signing secret long enough for the token module. */
export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnop';

/** The first bytes of a real SPSS system file. */
export const SAV_MAGIC = new TextEncoder().encode('$FL2@(#) IBM SPSS STATISTICS');
