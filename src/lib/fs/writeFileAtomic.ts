import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Let `write` produce `<filePath>.tmp`, then rename it over `filePath`: a reader never sees a half-written file under its final name; the partial file is removed on failure. */
export async function writeAtomically(filePath: string, write: (tmpPath: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const tmpPath = `${filePath}.tmp`;
  try {
    await write(tmpPath);
    await rename(tmpPath, filePath);
  } catch (err) {
    await rm(tmpPath, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Write a file atomically (see writeAtomically). */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  await writeAtomically(filePath, (tmp) => writeFile(tmp, data));
}

/** Write pretty JSON atomically. */
export async function writeJsonAtomic(filePath: string, value: unknown): Promise<void> {
  await writeFileAtomic(filePath, JSON.stringify(value, null, 2) + '\n');
}
