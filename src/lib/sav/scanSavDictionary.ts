import { ByteCursor } from './ByteCursor';
import { SavFormatError } from './SavFormatError';
import type { SavVariable } from '@/lib/core/types';

type Measure = NonNullable<SavVariable['measure']>;

/** What the dictionary says about the file's layout, plus the measurement levels the reader library ignores. */
export interface SavDictionaryScan {
  magic: '$FL2' | '$FL3';
  /** 0 uncompressed, 1 bytecode, 2 ZLIB. */
  compression: number;
  bias: number;
  /** Cases declared in the header; -1 when the writer did not record it. */
  caseCount: number;
  /** 8-byte segments per case (numeric variables plus string segments). */
  segmentsPerCase: number;
  /** Variable records that start a variable (not string continuations); very long strings count once per 255 bytes. */
  variableCount: number;
  /** Offset of the first byte after the dictionary (data, or the ZLIB header). */
  dataOffset: number;
  /** Measurement level by the variable's short (8-byte) name. */
  measures: Map<string, Measure>;
  /** Multiple-response set records (type 7, subtypes 7 and 19), in file order, undecoded. */
  multiResponseRecords: Array<{ elementSize: number; bytes: Buffer }>;
}

/** Extension subtypes holding multiple-response sets: before SPSS 14, and dichotomies labelled by counted values. */
const MRSET_SUBTYPES = new Set([7, 19]);

const HEADER_BYTES = 176;
const MEASURES: Record<number, Measure> = { 1: 'nominal', 2: 'ordinal', 3: 'scale' };

/** Walk a .sav dictionary without decoding it fully; throws SavFormatError when the structure is broken. */
export function scanSavDictionary(buf: Buffer): SavDictionaryScan {
  const c = new ByteCursor(buf);
  c.need(HEADER_BYTES, 'the file header');
  const magic = buf.toString('latin1', 0, 4);
  if (magic !== '$FL2' && magic !== '$FL3') throw new SavFormatError('unknown record type');
  c.pos = 64;
  const layout = c.int32('the file header');
  if (layout !== 2 && layout !== 3) throw new SavFormatError('unsupported byte order or layout code');
  c.int32('the file header');
  const compression = c.int32('the file header');
  c.int32('the file header');
  const caseCount = c.int32('the file header');
  const bias = c.float64('the file header');
  c.pos = HEADER_BYTES;

  const shortNames: string[] = [];
  let segments = 0;
  let measures = new Map<string, Measure>();
  const multiResponseRecords: SavDictionaryScan['multiResponseRecords'] = [];
  for (;;) {
    const recType = c.int32('the dictionary');
    if (recType === 2) {
      const type = c.int32('a variable record');
      const hasLabel = c.int32('a variable record');
      const nMissing = c.int32('a variable record');
      c.skip(8, 'a variable record');
      const name = c.text(8, 'a variable record');
      if (hasLabel === 1) c.skip(Math.ceil(c.int32('a variable label') / 4) * 4, 'a variable label');
      c.skip(Math.abs(nMissing) * 8, 'missing values');
      segments += 1;
      if (type !== -1) shortNames.push(name);
    } else if (recType === 3) {
      const count = c.int32('value labels');
      for (let i = 0; i < count; i++) {
        c.skip(8, 'value labels');
        c.need(1, 'value labels');
        const len = buf.readUInt8(c.pos);
        c.skip(Math.ceil((len + 1) / 8) * 8, 'value labels');
      }
      if (c.int32('value labels') !== 4) throw new SavFormatError('value labels are not followed by their variables');
      c.skip(c.int32('value labels') * 4, 'value labels');
    } else if (recType === 6) {
      c.skip(c.int32('the document record') * 80, 'the document record');
    } else if (recType === 7) {
      const subType = c.int32('an extension record');
      const size = c.int32('an extension record');
      const count = c.int32('an extension record');
      const start = c.pos;
      c.skip(size * count, 'an extension record');
      if (subType === 11 && size === 4) measures = readMeasures(buf, start, count, shortNames);
      if (MRSET_SUBTYPES.has(subType)) multiResponseRecords.push({ elementSize: size, bytes: buf.subarray(start, c.pos) });
    } else if (recType === 999) {
      c.int32('the dictionary end');
      break;
    } else {
      throw new SavFormatError(`unknown dictionary record type ${recType}`);
    }
  }
  if (shortNames.length === 0) throw new SavFormatError('the dictionary declares no variables');
  return {
    magic,
    compression,
    bias,
    caseCount,
    segmentsPerCase: segments,
    variableCount: shortNames.length,
    dataOffset: c.pos,
    measures,
    multiResponseRecords,
  };
}

function readMeasures(buf: Buffer, start: number, count: number, shortNames: string[]): Map<string, Measure> {
  const out = new Map<string, Measure>();
  const fields = count === shortNames.length * 3 ? 3 : count === shortNames.length * 2 ? 2 : 0;
  if (fields === 0) return out;
  shortNames.forEach((name, i) => {
    const measure = MEASURES[buf.readInt32LE(start + i * fields * 4)];
    if (measure) out.set(name, measure);
  });
  return out;
}
