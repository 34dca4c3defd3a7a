import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import type { PipelineInputs } from '@/lib/pipeline/runOptions';

const TEXT_DOCUMENT = /\.(md|markdown|txt)$/i;

function inputError(file: string, problem: string, cause?: unknown): PipelineInputError {
  return new PipelineInputError(`${file} ${problem}`, { file, stage: 'validation', cause });
}

/** Why stat() failed on a path the user named, in words: missing, a broken or looping link, unreadable. */
async function whyMissing(p: string, err: unknown): Promise<string> {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'is a symbolic link that loops';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'ENOTDIR') return 'does not exist (a part of the path is a file)';
  const link = await lstat(p).catch(() => null);
  if (link?.isSymbolicLink()) return 'is a symbolic link to something that does not exist';
  return 'does not exist';
}

function pickDocument(files: string[], base: string, dir: string): string | undefined {
  const matches = files.filter((f) => f.toLowerCase().startsWith(`${base}.`) && TEXT_DOCUMENT.test(f)).sort();
  if (matches.length > 1) {
    throw inputError(dir, `has more than one ${base} file (${matches.join(', ')}); keep one`);
  }
  return matches[0] === undefined ? undefined : path.join(dir, matches[0]);
}

/** Find a dataset folder's inputs: exactly one `.sav`, and optional `banner.*` / `survey.*` text or markdown files. */
export async function resolveDatasetDir(dir: string): Promise<PipelineInputs> {
  let info;
  try {
    info = await stat(dir);
  } catch (err) {
    throw inputError(dir, await whyMissing(dir, err), err);
  }
  if (!info.isDirectory()) throw inputError(dir, 'is not a folder; pass the folder holding the .sav file');

  // Symbolic links are followed: a linked .sav counts like a copied one; a broken or looping link is named as such.
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) files.push(entry.name);
    else if (entry.isSymbolicLink()) {
      const target = await stat(path.join(dir, entry.name)).catch((err: unknown) => err as NodeJS.ErrnoException);
      if (!(target instanceof Error) && target.isFile()) files.push(entry.name);
      else if (target instanceof Error && /\.(sav|zsav)$/i.test(entry.name))
        throw inputError(path.join(dir, entry.name), await whyMissing(path.join(dir, entry.name), target), target);
    }
  }
  const savs = files.filter((f) => /\.(sav|zsav)$/i.test(f)).sort();
  if (savs.length === 0) throw inputError(dir, 'contains no .sav file');
  if (savs.length > 1) throw inputError(dir, `contains more than one .sav file (${savs.join(', ')}); keep one per folder`);

  const inputs: PipelineInputs = {
    datasetName: path.basename(path.resolve(dir)),
    savPath: path.join(dir, savs[0]!),
  };
  const bannerPath = pickDocument(files, 'banner', dir);
  const surveyPath = pickDocument(files, 'survey', dir);
  if (bannerPath) inputs.bannerPath = bannerPath;
  if (surveyPath) inputs.surveyPath = surveyPath;
  return inputs;
}
