import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineInputs } from '@/lib/pipeline/runOptions';
import type { UploadFileField } from './uploadRules';

/** One file received in an upload. */
export interface ReceivedFile {
  field: UploadFileField;
  name: string;
  bytes: Uint8Array;
}

const STORED_NAMES: Record<UploadFileField, string> = { dataFile: 'data.sav', bannerPlan: 'banner', survey: 'survey' };

/** A dataset name derived from an uploaded file name: its stem, reduced to safe characters. */
export function datasetNameFromFile(fileName: string): string {
  const stem = path.basename(fileName).replace(/\.[^.]*$/, '');
  const safe = stem
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return safe || 'upload';
}

/**
 * Store an upload's files under `<uploadRoot>/<runId>/`: written to a temporary folder first, then moved
 * into place in one rename, so a failure never leaves a half-saved upload behind.
 */
export async function storeUpload(
  uploadRoot: string,
  runId: string,
  files: ReceivedFile[],
  datasetName: string,
): Promise<{ dir: string; inputs: PipelineInputs }> {
  const finalDir = path.resolve(uploadRoot, runId);
  const tmpDir = path.resolve(uploadRoot, `.tmp-${runId}`);
  const labels: NonNullable<PipelineInputs['labels']> = {};
  const inputs: PipelineInputs = { datasetName, savPath: '', labels };
  try {
    await mkdir(tmpDir, { recursive: true });
    for (const file of files) {
      const ext = file.field === 'dataFile' ? '' : path.extname(file.name).toLowerCase();
      const stored = `${STORED_NAMES[file.field]}${ext}`;
      await writeFile(path.join(/*turbopackIgnore: true*/ tmpDir, stored), file.bytes);
      const finalPath = path.join(/*turbopackIgnore: true*/ finalDir, stored);
      // Messages name the file as the user uploaded it, never by its server path.
      const label = path.basename(file.name) || stored;
      if (file.field === 'dataFile') {
        inputs.savPath = finalPath;
        labels.sav = label;
      } else if (file.field === 'bannerPlan') {
        inputs.bannerPath = finalPath;
        labels.banner = label;
      } else {
        inputs.surveyPath = finalPath;
        labels.survey = label;
      }
    }
    await rename(tmpDir, finalDir);
  } catch (err) {
    await rm(tmpDir, { recursive: true, force: true });
    throw err;
  }
  return { dir: finalDir, inputs };
}

/** Remove a stored upload (used when the run record could not be created). */
export async function removeUpload(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
