import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PipelineInputError } from '@/lib/errors/PipelineErrors';
import type { CellValue, SavDataset } from '@/lib/pipeline/types';
import { countCompleteCases } from './countCompleteCases';
import { inflateZlibSav } from './inflateZlibSav';
import { binaryStringToBytes, decoderForEncoding } from './binaryText';
import { createSavBufferReader } from './loadSavReader';
import { SavFormatError } from './SavFormatError';
import { scanSavDictionary, type SavDictionaryScan } from './scanSavDictionary';
import { toSavVariable, type ReaderValueLabel, type ReaderVariable } from './toSavVariable';

const STAGE = 'validation';

function inputError(file: string, problem: string, cause?: unknown): PipelineInputError {
  return new PipelineInputError(`${file} ${problem}`, { file, stage: STAGE, cause });
}

function corrupt(file: string, reason: string, cause?: unknown): PipelineInputError {
  return inputError(file, `is truncated or corrupt: ${reason}`, cause);
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw inputError(file, 'does not exist', err);
    if (code === 'EISDIR') throw inputError(file, 'is a folder, not a .sav file', err);
    if (code === 'EACCES' || code === 'EPERM') throw inputError(file, 'cannot be read (permission denied)', err);
    throw inputError(file, `cannot be read (${code ?? 'unknown error'})`, err);
  }
}

function scan(file: string, buf: Buffer): SavDictionaryScan {
  try {
    return scanSavDictionary(buf);
  } catch (err) {
    if (err instanceof SavFormatError) throw corrupt(file, err.message, err);
    throw corrupt(file, 'the dictionary cannot be decoded', err);
  }
}

function toFl2(file: string, buf: Buffer, dict: SavDictionaryScan): Buffer {
  if (dict.magic === '$FL2') return buf;
  try {
    return inflateZlibSav(buf, dict);
  } catch (err) {
    if (err instanceof SavFormatError) throw corrupt(file, err.message, err);
    throw corrupt(file, 'the ZLIB-compressed data cannot be decoded', err);
  }
}

function checkCaseCount(file: string, buf: Buffer, dict: SavDictionaryScan): number {
  const { complete, partial } = countCompleteCases(buf, dict);
  if (dict.caseCount >= 0 && complete < dict.caseCount) {
    throw corrupt(file, `the header declares ${dict.caseCount} cases but only ${complete} are complete`);
  }
  if (dict.caseCount < 0 && partial) throw corrupt(file, `the data ends part-way through case ${complete + 1}`);
  return dict.caseCount >= 0 ? dict.caseCount : complete;
}

interface DecodedFile {
  variables: ReaderVariable[];
  labelsOf: (name: string) => ReaderValueLabel[] | null;
  weight: string | null;
  encoding: string;
  rows: Array<Record<string, CellValue | undefined>>;
}

async function decode(file: string, buf: Buffer): Promise<DecodedFile> {
  try {
    const reader = createSavBufferReader(buf);
    await reader.open();
    const meta = reader.meta;
    const rows = (await reader.readAllRows(true)) as Array<Record<string, CellValue | undefined>>;
    const header = meta.header as { weight?: { name?: string } | null; encoding?: string };
    return {
      variables: meta.sysvars as unknown as ReaderVariable[],
      labelsOf: (name) => meta.getValueLabels(name) as ReaderValueLabel[] | null,
      weight: header.weight?.name ?? null,
      encoding: header.encoding?.trim() || 'UTF-8',
      rows,
    };
  } catch (err) {
    // sav-reader rejects with plain strings as well as Errors; neither is fit to show.
    throw corrupt(file, 'the records cannot be decoded', err instanceof Error ? err : new Error(String(err)));
  }
}

function cell(value: CellValue | undefined, isString: boolean, text: (s: string) => string): CellValue {
  if (value === undefined || value === null) return isString ? '' : null;
  if (typeof value === 'string') return text(value).trimEnd();
  return Number.isNaN(value) ? null : value;
}

/** Read a .sav (or ZLIB-compressed .zsav-style) file into memory; any problem becomes a one-line PipelineInputError naming the file. */
export async function readSavFile(file: string): Promise<SavDataset> {
  const buf = await readBytes(file);
  if (buf.length === 0) throw inputError(file, 'is empty (0 bytes)');
  const magic = buf.toString('latin1', 0, Math.min(4, buf.length));
  if (magic !== '$FL2' && magic !== '$FL3') throw inputError(file, 'is not an SPSS .sav file');

  const dict = scan(file, buf);
  const fl2 = toFl2(file, buf, dict);
  const caseCount = checkCaseCount(file, fl2, dict);
  const decoded = await decode(file, fl2);
  if (decoded.rows.length < caseCount) {
    throw corrupt(file, `the header declares ${caseCount} cases but only ${decoded.rows.length} could be read`);
  }

  const decoder = decoderForEncoding(decoded.encoding);
  const text = (s: string) => decoder.decode(binaryStringToBytes(s));
  const variables = decoded.variables.map((v) =>
    toSavVariable(v, decoded.labelsOf(v.name), v.__shortName ? dict.measures.get(v.__shortName) : undefined, text),
  );
  const isString = variables.map((v) => v.type === 'string');
  const rows = decoded.rows
    .slice(0, caseCount)
    .map((row) => decoded.variables.map((v, i) => cell(row[v.name], isString[i] ?? false, text)));

  return {
    fileName: path.basename(file),
    variables,
    rows,
    weightVariable: decoded.weight === null ? null : text(decoded.weight),
    encoding: decoded.encoding,
  };
}
