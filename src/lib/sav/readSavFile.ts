import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import type { CooperativeClock } from '@/lib/core/cooperative';
import type { CellValue, MultiResponseSet, SavDataset, SavVariable } from '@/lib/core/types';
import { binaryStringToBytes, decoderForEncoding } from './binaryText';
import { iterateSavRows, type ValueLayout } from './iterateSavRows';
import { inflateZlibSav } from './inflateZlibSav';
import { createSavBufferReader } from './createSavBufferReader';
import { SavFormatError } from './SavFormatError';
import { parseMultiResponseSets } from './parseMultiResponseSets';
import { resolveMultiResponseSets } from './resolveMultiResponseSets';
import { scanSavDictionary, type SavDictionaryScan } from './scanSavDictionary';
import { toSavVariable, type ReaderValueLabel, type ReaderVariable } from './toSavVariable';

const STAGE = 'validation';

function inputError(file: string, problem: string, cause?: unknown): PipelineInputError {
  return new PipelineInputError(`${file} ${problem}`, { file, stage: STAGE, cause });
}

function corrupt(file: string, reason: string, cause?: unknown): PipelineInputError {
  return inputError(file, `is truncated or corrupt: ${reason}`, cause);
}

/** Run a decoding step, turning any failure into a one-line "truncated or corrupt" error. */
function decoding<T>(file: string, fallbackReason: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof SavFormatError) throw corrupt(file, err.message, err);
    throw corrupt(file, fallbackReason, err);
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

/** Cases decoded between two cooperative checkpoints. */
const CASES_PER_CHECKPOINT = 512;

/**
 * Decode the cases, text cells in the file's encoding; with a clock, pauses between batches of cases (keeping a host
 * process responsive on large files). A decoding failure becomes a one-line "truncated or corrupt" error.
 */
async function decodeCases(
  file: string,
  buf: Buffer,
  scan: SavDictionaryScan,
  layout: ValueLayout[],
  decoder: TextDecoder,
  clock: CooperativeClock | undefined,
): Promise<{ rows: CellValue[][]; partial: boolean }> {
  const rows: CellValue[][] = [];
  const toCell = (cell: number | Buffer | null): CellValue => (Buffer.isBuffer(cell) ? decoder.decode(cell).trimEnd() : cell);
  const cases = decoding(file, 'the records cannot be decoded', () => iterateSavRows(buf, scan, layout));
  for (;;) {
    const r = decoding(file, 'the records cannot be decoded', () => cases.next());
    if (r.done) return { rows, partial: r.value };
    rows.push(r.value.map(toCell));
    if (clock && rows.length % CASES_PER_CHECKPOINT === 0) await clock.checkpoint();
  }
}

/**
 * Read a .sav (or ZLIB-compressed .zsav-style) file into memory; any problem becomes a one-line PipelineInputError naming
 * the file (as `label`, the name the user knows it by, when given). With a clock, decoding pauses between batches of cases and stops when the run is cancelled.
 */
export async function readSavFile(file: string, opts: { clock?: CooperativeClock; label?: string } = {}): Promise<SavDataset> {
  const shown = opts.label ?? file;
  const buf = await readBytes(file, shown);
  if (buf.length === 0) throw inputError(shown, 'is empty (0 bytes)');
  const magic = buf.toString('latin1', 0, Math.min(4, buf.length));
  if (magic !== '$FL2' && magic !== '$FL3') throw inputError(shown, 'is not an SPSS .sav file');

  const scan: SavDictionaryScan = decoding(shown, 'the dictionary cannot be decoded', () => scanSavDictionary(buf));
  const fl2 = scan.magic === '$FL3' ? decoding(shown, 'the ZLIB data cannot be decoded', () => inflateZlibSav(buf, scan)) : buf;
  const dict = await readDictionary(shown, fl2);

  const layout = dict.variables.map(layoutOf);
  if (segmentCount(layout) !== scan.segmentsPerCase) throw corrupt(shown, 'the variable layout is inconsistent');
  const decoder = decoderForEncoding(dict.encoding);
  const text = (s: string) => decoder.decode(binaryStringToBytes(s));
  const variables = dict.variables.map((v) => toSavVariable(v, dict.labelsOf(v.name), v.__shortName ? scan.measures.get(v.__shortName) : undefined, text));
  const shortNames = dict.variables.map((v) => (v.__shortName ? text(v.__shortName).trimEnd() : ''));
  const multiResponseSets = multiResponseSetsOf(shown, scan, variables, shortNames, (bytes) => decoder.decode(bytes));
  const decoded = await decodeCases(shown, fl2, scan, layout, decoder, opts.clock);
  const complete = decoded.rows.length;
  if (scan.caseCount >= 0 && complete < scan.caseCount) {
    throw corrupt(shown, `the header declares ${scan.caseCount} cases but only ${complete} are complete`);
  }
  if (scan.caseCount < 0 && decoded.partial) throw corrupt(shown, `the data ends part-way through case ${complete + 1}`);

  const caseCount = scan.caseCount >= 0 ? scan.caseCount : complete;
  const rows = decoded.rows.length > caseCount ? decoded.rows.slice(0, caseCount) : decoded.rows;

  return {
    fileName: path.basename(shown),
    variables,
    rows,
    weightVariable: dict.weight === null ? null : text(dict.weight),
    encoding: dict.encoding,
    ...(multiResponseSets.length > 0 ? { multiResponseSets } : {}),
  };
}
