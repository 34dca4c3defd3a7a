import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Write a file through `<file>.tmp` + rename, so a reader never sees it half-written under its final name. */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const tmp = `${filePath}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, filePath);
}

/** Write pretty JSON atomically. */
export async function writeJsonAtomic(filePath: string, value: unknown): Promise<void> {
  await writeFileAtomic(filePath, JSON.stringify(value, null, 2) + '\n');
}
