import { access, readdir, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';

/** A run id: one path segment of letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters. */
const SAFE_RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Why `id` cannot be a run id (it names the run's folder), or null when it can. */
export function runIdProblem(id: string): string | null {
  if (SAFE_RUN_ID.test(id)) return null;
  return `--run-id must be one folder name of letters, digits, '.', '_' or '-' (starting with a letter or digit, at most 128 characters), got ${JSON.stringify(id.slice(0, 60))}`;
}

async function kindOf(p: string): Promise<'folder' | 'file' | 'missing' | { error: string }> {
  try {
    return (await stat(p)).isDirectory() ? 'folder' : 'file';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'file';
    return { error: code === 'ELOOP' ? 'is a symbolic link that loops' : `cannot be checked (${code ?? 'unknown error'})` };
  }
}

/**
 * Why a run cannot write its outputs to `dir`, checked before the run starts (nothing is created), or null when it can:
 * `dir` must be a new or empty folder (a run never leaves its files beside another run's), and its nearest existing
 * ancestor a writable folder.
 */
export async function outputFolderProblem(dir: string): Promise<string | null> {
  const target = await kindOf(dir);
  if (typeof target === 'object') return `the output folder ${dir} ${target.error}`;
  if (target === 'file') return `the output folder ${dir} is a file (or lies under a file), not a folder`;
  if (target === 'folder') {
    const entries = await readdir(dir).catch(() => null);
    if (entries === null) return `the output folder ${dir} cannot be read`;
    if (entries.length > 0)
      return `the output folder ${dir} already holds files (an earlier run's?); choose a new or empty folder, so runs never mix their files`;
  }
  let existing = target === 'folder' ? dir : path.dirname(path.resolve(dir));
  for (;;) {
    const kind = await kindOf(existing);
    if (kind === 'folder') break;
    if (kind !== 'missing') return `the output folder ${dir} cannot be created: ${existing} is not a folder`;
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  try {
    await access(existing, constants.W_OK);
  } catch {
    return `the output folder ${dir} cannot be created: ${existing} is not writable`;
  }
  return null;
}
