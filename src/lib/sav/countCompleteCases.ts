import type { SavDictionaryScan } from './scanSavDictionary';

const END_OF_FILE = 252;
const RAW_SEGMENT = 253;

/** Cases stored in the data section, and whether the data stops part-way through a case. */
export interface CaseCount {
  complete: number;
  partial: boolean;
}

/** Count the complete cases in the (uncompressed or bytecode-compressed) data section of a $FL2 buffer. */
export function countCompleteCases(buf: Buffer, scan: SavDictionaryScan): CaseCount {
  const perCase = scan.segmentsPerCase;
  if (scan.compression === 0) {
    const bytes = buf.length - scan.dataOffset;
    const caseBytes = perCase * 8;
    return { complete: Math.floor(bytes / caseBytes), partial: bytes % caseBytes !== 0 };
  }
  let pos = scan.dataOffset;
  let segments = 0;
  while (pos + 8 <= buf.length) {
    const commands = buf.subarray(pos, pos + 8);
    pos += 8;
    for (const code of commands) {
      if (code === 0) continue;
      if (code === END_OF_FILE) return finish(segments, perCase, false);
      if (code === RAW_SEGMENT) {
        if (pos + 8 > buf.length) return finish(segments, perCase, true);
        pos += 8;
      }
      segments++;
    }
  }
  return finish(segments, perCase, pos !== buf.length);
}

function finish(segments: number, perCase: number, brokenBlock: boolean): CaseCount {
  return { complete: Math.floor(segments / perCase), partial: brokenBlock || segments % perCase !== 0 };
}
