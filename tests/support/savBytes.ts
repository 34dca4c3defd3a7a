import { deflateSync } from 'node:zlib';

/**
 * Hand-built .sav files for hostile-input tests: numeric variables only, with the header, the compression and the ZLIB
 * trailer saying whatever the test wants (a lying case count, blocks that declare one size and inflate to another).
 */
export interface SavBytesSpec {
  /** Number of numeric variables (named V1, V2, …). */
  variables: number;
  /** The case count the header declares (-1: not recorded). */
  declaredCases: number;
  /** The data: one compression code byte per value (the value + 100, for 1 to 151), one case after another. */
  codes: Buffer;
  /** How the data is stored: bytecode codes ($FL2), or those codes in ZLIB blocks ($FL3). */
  compression: 'bytecode' | 'zlib';
  /** ZLIB: bytes of code stream per block (default 0x3ff000, as PSPP writes). */
  blockBytes?: number;
  /** ZLIB: the size each block declares instead of its real one (a lie). */
  declaredBlockSize?: (realSize: number, index: number) => number;
  /** ZLIB: blocks already compressed, with the size each declares, instead of blocks made from `codes`. */
  compressedBlocks?: Array<{ data: Buffer; declaredSize: number }>;
}

const BIAS = 100;

function header(magic: string, segments: number, compression: number, cases: number): Buffer {
  const b = Buffer.alloc(176, 0x20);
  b.write(magic, 0, 'latin1');
  b.write('@(#) SPSS DATA FILE crosstab tests', 4, 'latin1');
  b.writeInt32LE(2, 64);
  b.writeInt32LE(segments, 68);
  b.writeInt32LE(compression, 72);
  b.writeInt32LE(0, 76);
  b.writeInt32LE(cases, 80);
  b.writeDoubleLE(BIAS, 84);
  b.write('01 Jan 26', 92, 'latin1');
  b.write('00:00:00', 101, 'latin1');
  return b;
}

function variableRecord(name: string): Buffer {
  const b = Buffer.alloc(32);
  b.writeInt32LE(2, 0);
  b.writeInt32LE(0, 4);
  b.writeInt32LE(0, 8);
  b.writeInt32LE(0, 12);
  const format = (5 << 16) | (8 << 8) | 2;
  b.writeInt32LE(format, 16);
  b.writeInt32LE(format, 20);
  b.write(name.padEnd(8, ' '), 24, 'latin1');
  return b;
}

function dictionary(magic: string, spec: SavBytesSpec): Buffer {
  const records = Array.from({ length: spec.variables }, (_, i) => variableRecord(`V${i + 1}`));
  const end = Buffer.alloc(8);
  end.writeInt32LE(999, 0);
  return Buffer.concat([header(magic, spec.variables, magic === '$FL3' ? 2 : 1, spec.declaredCases), ...records, end]);
}

/** The bytecode stream of `codes`: a block of eight codes, then the next (no raw values), ended by code 252. */
function bytecodeStream(codes: Buffer): Buffer {
  const withEnd = Buffer.concat([codes, Buffer.from([252])]);
  const padded = Buffer.alloc(Math.ceil(withEnd.length / 8) * 8);
  withEnd.copy(padded);
  return padded;
}

/** The bytes of a .sav file as `spec` says. */
export function savBytes(spec: SavBytesSpec): Buffer {
  const stream = bytecodeStream(spec.codes);
  if (spec.compression === 'bytecode') return Buffer.concat([dictionary('$FL2', spec), stream]);

  const dict = dictionary('$FL3', spec);
  const blockBytes = spec.blockBytes ?? 0x3ff000;
  const pieces: Buffer[] = [];
  for (let at = 0; at < stream.length; at += blockBytes) pieces.push(stream.subarray(at, at + blockBytes));
  const blocks = spec.compressedBlocks ?? pieces.map((p, i) => ({ data: deflateSync(p), declaredSize: spec.declaredBlockSize?.(p.length, i) ?? p.length }));
  const compressed = blocks.map((b) => b.data);
  const zheaderOffset = dict.length;
  let offset = zheaderOffset + 24;
  const entries = compressed.map((c, i) => {
    const entry = Buffer.alloc(24);
    entry.writeBigInt64LE(BigInt(zheaderOffset + i * blockBytes), 0);
    entry.writeBigInt64LE(BigInt(offset), 8);
    entry.writeInt32LE(blocks[i]!.declaredSize, 16);
    entry.writeInt32LE(c.length, 20);
    offset += c.length;
    return entry;
  });
  const trailerHead = Buffer.alloc(24);
  trailerHead.writeBigInt64LE(BigInt(-BIAS), 0);
  trailerHead.writeBigInt64LE(0n, 8);
  trailerHead.writeInt32LE(blockBytes, 16);
  trailerHead.writeInt32LE(compressed.length, 20);
  const trailer = Buffer.concat([trailerHead, ...entries]);
  const zheader = Buffer.alloc(24);
  zheader.writeBigInt64LE(BigInt(zheaderOffset), 0);
  zheader.writeBigInt64LE(BigInt(offset), 8);
  zheader.writeBigInt64LE(BigInt(trailer.length), 16);
  return Buffer.concat([dict, zheader, ...compressed, trailer]);
}

/** Code bytes for `cases` cases of `variables` values, every value `value` (1 to 151). */
export function repeatedCodes(cases: number, variables: number, value = 1): Buffer {
  return Buffer.alloc(cases * variables, value + BIAS);
}
