import { readFile } from 'node:fs/promises';
import { DOCUMENT_LIMITS } from '@/agents/documentLimits';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import { readSavFile } from '@/lib/sav';
import type { CooperativeClock } from '@/lib/core/cooperative';
import type { InputLimits } from '@/lib/core/inputLimits';
import type { SavDataset } from '@/lib/core/types';

const STAGE = 'validation';

/** What the validation stage hands to the rest of the pipeline. */
export interface ValidationResult {
  dataset: SavDataset;
  bannerText: string | null;
  surveyText: string | null;
  warnings: string[];
}

function inputError(file: string, problem: string, cause?: unknown): PipelineInputError {
  return new PipelineInputError(`${file} ${problem}`, { file, stage: STAGE, cause });
}

/** Control characters other than tab, newline, carriage return and form feed mark a binary file. */
function looksBinary(buf: Buffer): boolean {
  const sample = buf.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  return control > sample.length * 0.01;
}

/** Read a banner plan or survey document: UTF-8 text, not empty, not binary, within DOCUMENT_LIMITS.documentBytes. */
async function readTextDocument(path: string, role: string, label: string | undefined): Promise<string> {
  const file = label ?? path;
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw inputError(file, `does not exist (${role})`, err);
    if (code === 'EISDIR') throw inputError(file, `is a folder, not a ${role} file`, err);
    if (code === 'ELOOP') throw inputError(file, `is a symbolic link that loops (${role})`, err);
    throw inputError(file, `cannot be read (${code ?? 'unknown error'})`, err);
  }
  if (buf.length === 0) throw inputError(file, `is empty (0 bytes); the ${role} must be a text or markdown file`);
  if (buf.length > DOCUMENT_LIMITS.documentBytes) {
    throw inputError(file, `is ${(buf.length / 1024 / 1024).toFixed(1)} MB; a ${role} may be at most ${DOCUMENT_LIMITS.documentBytes / 1024 / 1024} MB`);
  }
  if (looksBinary(buf)) throw inputError(file, `is not a text file; the ${role} must be plain text or markdown`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch (err) {
    throw inputError(file, `is not valid UTF-8 text; save the ${role} as UTF-8`, err);
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw inputError(file, `contains only whitespace; the ${role} has no content`);
  return text;
}

/**
 * The `validation` stage: read the .sav and the optional banner plan and survey document, rejecting unusable input.
 * With a clock, reading the cases pauses cooperatively and stops when the run is cancelled.
 */
export async function runValidation(
  inputs: { savPath: string; bannerPath?: string; surveyPath?: string; labels?: { sav?: string; banner?: string; survey?: string }; limits?: InputLimits },
  opts: { clock?: CooperativeClock } = {},
): Promise<ValidationResult> {
  const savLabel = inputs.labels?.sav ?? inputs.savPath;
  const dataset = await readSavFile(inputs.savPath, { clock: opts.clock, label: savLabel, limits: inputs.limits });
  if (dataset.variables.length === 0) throw inputError(savLabel, 'has no variables');
  if (dataset.cases.count === 0) throw inputError(savLabel, 'has no cases (0 rows)');

  const bannerText = inputs.bannerPath ? await readTextDocument(inputs.bannerPath, 'banner plan', inputs.labels?.banner) : null;
  const surveyText = inputs.surveyPath ? await readTextDocument(inputs.surveyPath, 'survey document', inputs.labels?.survey) : null;

  const warnings: string[] = [];
  if (!bannerText) warnings.push('No banner plan: the banner will be generated from the data map.');
  if (!surveyText) warnings.push('No survey document: tables use all respondents as their base (no skip logic).');
  if (dataset.weightVariable === null) warnings.push('No weight variable declared in the .sav: results are unweighted.');
  if (dataset.cases.count < 30) warnings.push(`Only ${dataset.cases.count} cases: percentages will be unstable.`);
  return { dataset, bannerText, surveyText, warnings };
}
