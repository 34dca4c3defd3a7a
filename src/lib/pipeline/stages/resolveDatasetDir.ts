import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PipelineInputError } from '@/lib/errors/PipelineErrors';
import type { PipelineInputs } from '@/lib/pipeline/runOptions';

const TEXT_DOCUMENT = /\.(md|markdown|txt)$/i;

function inputError(file: string, problem: string, cause?: unknown): PipelineInputError {
  return new PipelineInputError(`${file} ${problem}`, { file, stage: 'validation', cause });
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
    throw inputError(dir, 'does not exist', err);
  }
  if (!info.isDirectory()) throw inputError(dir, 'is not a folder; pass the folder holding the .sav file');

  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) files.push(entry.name);
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
