import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PipelineInputError, isCancellation } from '@/lib/core/PipelineErrors';
import type { CooperativeClock } from '@/lib/core/cooperative';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '@/lib/core/inputLimits';
import type { MultiResponseSet, SavDataset, SavVariable } from '@/lib/core/types';
import { binaryStringToBytes, decoderForEncoding } from './binaryText';
import { createSavBufferReader } from './createSavBufferReader';
import { DataSegments } from './dataSegments';
import { DataUnits } from './dataUnits';
import { decodeCases, type ValueLayout } from './decodeCases';
import { checkVariables, checkZlibBlock } from './savLimitChecks';
import { inflateZlibBlocks, readZlibTrailer } from './zlibBlocks';
import { SavFormatError } from './SavFormatError';
import { parseMultiResponseSets } from './parseMultiResponseSets';
import { resolveMultiResponseSets } from './resolveMultiResponseSets';
import { scanSavDictionary, type SavDictionaryScan } from './scanSavDictionary';
import { toSavVariable, type ReaderValueLabel, type ReaderVariable } from './toSavVariable';

const STAGE = 'validation';
const COMPRESSION_FIELD_OFFSET = 72;

function inputError(file: string, problem: string, cause?: unknown): PipelineInputError {
  return new PipelineInputError(`${file} ${problem}`, { file, stage: STAGE, cause });
}

function corrupt(file: string, reason: string, cause?: unknown): PipelineInputError {
  return inputError(file, `is truncated or corrupt: ${reason}`, cause);
}

/** A failure while decoding as the user sees it: the input and cancellation errors as they are, anything else "truncated or corrupt". */
function decodingError(file: string, fallbackReason: string, err: unknown): unknown {
  if (err instanceof PipelineInputError || isCancellation(err)) return err;
  if (err instanceof SavFormatError) return corrupt(file, err.message, err);
  return corrupt(file, fallbackReason, err);
}

/** Run a decoding step, turning any failure into a one-line "truncated or corrupt" error. */
function decoding<T>(file: string, fallbackReason: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    throw decodingError(file, fallbackReason, err);
  }
}

async function readBytes(file: string, shown: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw inputError(shown, 'does not exist', err);
    if (code === 'EISDIR') throw inputError(shown, 'is a folder, not a .sav file', err);
    if (code === 'EACCES' || code === 'EPERM') throw inputError(shown, 'cannot be read (permission denied)', err);
    if (code === 'ELOOP') throw inputError(shown, 'is a symbolic link that loops', err);
    throw inputError(shown, `cannot be read (${code ?? 'unknown error'})`, err);
  }
}

interface Dictionary {
  variables: ReaderVariable[];
  labelsOf: (name: string) => ReaderValueLabel[] | null;
  weight: string | null;
  encoding: string;
}

/** Read the dictionary with sav-reader (its text arrives as binary strings, decoded later). */
async function readDictionary(file: string, buf: Buffer): Promise<Dictionary> {
  try {
    const reader = createSavBufferReader(buf);
    await reader.open();
    const meta = reader.meta;
    const header = meta.header as { weight?: { name?: string } | null; encoding?: string };
    return {
      variables: meta.sysvars as ReaderVariable[],
      labelsOf: (name) => meta.getValueLabels(name),
      weight: header.weight?.name ?? null,
      encoding: header.encoding?.trim() || 'UTF-8',
    };
  } catch (err) {
    // sav-reader rejects with plain strings as well as Errors; neither is fit to show.
    throw corrupt(file, 'the dictionary cannot be decoded', err instanceof Error ? err : new Error(String(err)));
  }
}

function layoutOf(v: ReaderVariable): ValueLayout {
  if (v.type !== 1) return { kind: 'numeric' };
  const pieces = [v, ...(v.__child_string_sysvars ?? [])].map((p) => 1 + (p.__nb_string_contin_recs ?? 0));
  return { kind: 'string', pieces };
}

function segmentCount(layout: ValueLayout[]): number {
  return layout.reduce((n, l) => n + (l.kind === 'numeric' ? 1 : l.pieces.reduce((a, b) => a + b, 0)), 0);
}

/** The dictionary's multiple-response sets; a malformed record becomes a one-line error naming the file and the set. */
function multiResponseSetsOf(
  file: string,
  scan: SavDictionaryScan,
  variables: SavVariable[],
  shortNames: string[],
  text: (bytes: Buffer) => string,
): MultiResponseSet[] {
  try {
    const recorded = scan.multiResponseRecords.flatMap((record) => {
      if (record.elementSize !== 1) throw new SavFormatError(`the record's element size is ${record.elementSize}, not 1`);
      return parseMultiResponseSets(record.bytes, text);
    });
    return resolveMultiResponseSets(recorded, variables, shortNames);
  } catch (err) {
    const reason = err instanceof SavFormatError ? err.message : 'the record cannot be decoded';
    throw inputError(file, `has a malformed multiple-response set record: ${reason}`, err);
  }
}

/** The data section as chunks: the section itself, or its ZLIB blocks inflated one at a time (each checked first). */
function dataChunks(file: string, buf: Buffer, scan: SavDictionaryScan, limits: InputLimits): Iterator<Buffer> {
  if (scan.magic !== '$FL3') return [buf.subarray(scan.dataOffset)][Symbol.iterator]();
  const blocks = decoding(file, 'the ZLIB data cannot be decoded', () => readZlibTrailer(buf, scan.dataOffset));
  for (const block of blocks) checkZlibBlock(file, block.declaredSize, limits);
  const inflated = inflateZlibBlocks(buf, blocks);
  return { next: () => decoding(file, 'the ZLIB data cannot be decoded', () => inflated.next()) };
}

/** The dictionary part of the file as sav-reader reads it: a ZLIB file's header says bytecode ($FL2), as its blocks hold. */
function dictionaryBytes(buf: Buffer, scan: SavDictionaryScan): Buffer {
  const head = buf.subarray(0, scan.dataOffset);
  if (scan.magic !== '$FL3') return head;
  const copy = Buffer.from(head);
  copy.write('$FL2', 0, 'latin1');
  copy.writeInt32LE(1, COMPRESSION_FIELD_OFFSET);
  return copy;
}

/**
 * Read a .sav (or ZLIB-compressed .zsav-style) file into memory, its cases stored column by column; any problem becomes a
 * one-line PipelineInputError naming the file (as `label`, the name the user knows it by, when given). Every limit is
 * checked as early as the bytes allow (an InputLimitError): variables once the dictionary is scanned, cells and decoded
 * size from the header's case count before a case is decoded (else as cases come), each ZLIB block's declared size
 * before it is inflated. With a clock, decoding pauses between batches of cases and stops when the run is cancelled.
 */
export async function readSavFile(file: string, opts: { clock?: CooperativeClock; label?: string; limits?: InputLimits } = {}): Promise<SavDataset> {
  const shown = opts.label ?? file;
  const limits = opts.limits ?? DEFAULT_INPUT_LIMITS;
  const buf = await readBytes(file, shown);
  if (buf.length === 0) throw inputError(shown, 'is empty (0 bytes)');
  const magic = buf.toString('latin1', 0, Math.min(4, buf.length));
  if (magic !== '$FL2' && magic !== '$FL3') throw inputError(shown, 'is not an SPSS .sav file');

  const scan: SavDictionaryScan = decoding(shown, 'the dictionary cannot be decoded', () => scanSavDictionary(buf));
  checkVariables(shown, scan.variableCount, limits);
  const dict = await readDictionary(shown, dictionaryBytes(buf, scan));

  const layout = dict.variables.map(layoutOf);
  if (segmentCount(layout) !== scan.segmentsPerCase) throw corrupt(shown, 'the variable layout is inconsistent');
  const decoder = decoderForEncoding(dict.encoding);
  const text = (s: string) => decoder.decode(binaryStringToBytes(s));
  const variables = dict.variables.map((v) => toSavVariable(v, dict.labelsOf(v.name), v.__shortName ? scan.measures.get(v.__shortName) : undefined, text));
  const shortNames = dict.variables.map((v) => (v.__shortName ? text(v.__shortName).trimEnd() : ''));
  const multiResponseSets = multiResponseSetsOf(shown, scan, variables, shortNames, (bytes) => decoder.decode(bytes));

  const units = new DataUnits(dataChunks(shown, buf, scan, limits));
  const segments = new DataSegments(units, scan.compression !== 0, scan.bias);
  const decoded = await decodeCases(segments, {
    file: shown,
    layout,
    declaredCases: scan.caseCount,
    decodeText: (bytes) => decoder.decode(bytes),
    limits,
    clock: opts.clock,
  }).catch((err: unknown) => {
    throw decodingError(shown, 'the records cannot be decoded', err);
  });
  const complete = decoded.cases.count;
  if (scan.caseCount >= 0 && complete < scan.caseCount) {
    throw corrupt(shown, `the header declares ${scan.caseCount} cases but only ${complete} are complete`);
  }
  if (scan.caseCount < 0 && decoded.partial) throw corrupt(shown, `the data ends part-way through case ${complete + 1}`);

  return {
    fileName: path.basename(shown),
    variables,
    cases: decoded.cases,
    weightVariable: dict.weight === null ? null : text(dict.weight),
    encoding: dict.encoding,
    ...(multiResponseSets.length > 0 ? { multiResponseSets } : {}),
  };
}
