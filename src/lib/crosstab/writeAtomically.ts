import { rename, rm } from 'node:fs/promises';

/** Let `write` produce `<filePath>.tmp`, then rename it over `filePath`; the partial file is removed on failure. */
export async function writeAtomically(filePath: string, write: (tmpPath: string) => Promise<void>): Promise<void> {
  const tmpPath = `${filePath}.tmp`;
  try {
    await write(tmpPath);
    await rename(tmpPath, filePath);
  } catch (err) {
    await rm(tmpPath, { force: true }).catch(() => undefined);
    throw err;
  }
}
