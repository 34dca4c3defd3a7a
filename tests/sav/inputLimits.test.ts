import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputLimitError, PipelineInputError } from '@/lib/core/PipelineErrors';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '@/lib/core/inputLimits';
import { measureSav, readSavFile } from '@/lib/sav';
import { repeatedCodes, savBytes, type SavBytesSpec } from '../support/savBytes';

const dir = mkdtempSync(path.join(tmpdir(), 'crosstab-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(spec: SavBytesSpec | Buffer): string {
  const out = path.join(dir, `f${n++}.sav`);
  writeFileSync(out, Buffer.isBuffer(spec) ? spec : savBytes(spec));
  return out;
}

const limits = (over: Partial<InputLimits>): InputLimits => ({ ...DEFAULT_INPUT_LIMITS, ...over });

async function failure(savPath: string, over: Partial<InputLimits> = {}): Promise<PipelineInputError> {
  const err = await readSavFile(savPath, { label: 'survey.sav', limits: limits(over) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PipelineInputError);
  return err as PipelineInputError;
}

/** The code stream cut after the dictionary's worth of cases: anything decoded past the header's check would be "corrupt". */
const noData = Buffer.alloc(0);

describe('limits on a .sav, checked as early as the bytes allow', () => {
  it('a header declaring more cells than the limit is refused before a case is decoded, saying which limit and by how much', async () => {
    // The data holds nothing: a reader that decoded before checking would call the file truncated.
    const err = await failure(file({ variables: 2, declaredCases: 6_000_000, codes: noData, compression: 'bytecode' }), { maxCells: 10_000_000 });
    expect(err).toBeInstanceOf(InputLimitError);
    expect((err as InputLimitError).limit).toBe('SAV_MAX_CELLS');
    expect(err.message).toBe('survey.sav holds 12,000,000 cells (6,000,000 cases × 2 variables), 2,000,000 over the limit of 10,000,000 (SAV_MAX_CELLS)');
    expect(err.stage).toBe('validation');
  });

  it('the decoded size is checked from the header too, whatever the size on disk', async () => {
    const err = await failure(file({ variables: 4, declaredCases: 1_000_000, codes: noData, compression: 'zlib' }), { maxDecodedBytes: 16 * 1024 * 1024 });
    expect((err as InputLimitError).limit).toBe('SAV_MAX_DECODED_MB');
    expect(err.message).toBe('survey.sav decodes to 30.5 MiB (1,000,000 cases × 4 variables), 14.5 MiB over the limit of 16.0 MiB (SAV_MAX_DECODED_MB)');
  });

  it('a header that records no case count: decoding stops at the limit (a few KB of ZLIB holding millions of cases)', async () => {
    const bomb = file({ variables: 1, declaredCases: -1, codes: repeatedCodes(3_000_000, 1), compression: 'zlib' });
    expect(savBytes({ variables: 1, declaredCases: -1, codes: repeatedCodes(3_000_000, 1), compression: 'zlib' }).length).toBeLessThan(20_000);
    const err = await failure(bomb, { maxCells: 1_000_000 });
    expect(err.message).toBe(
      'survey.sav holds at least 1,000,001 cells (1,000,001 cases × 1 variable read before stopping), over the limit of 1,000,000 (SAV_MAX_CELLS)',
    );
  });

  it('a header that lies low: only the declared cases are read, never the rest of the data', async () => {
    const d = await readSavFile(file({ variables: 1, declaredCases: 10, codes: repeatedCodes(2_000_000, 1), compression: 'zlib' }), {
      limits: limits({ maxCells: 100 }),
    });
    expect(d.cases.count).toBe(10);
  });

  it('a dictionary with more variables than the limit is refused after its scan, before it is decoded', async () => {
    const err = await failure(file({ variables: 3_000, declaredCases: 1, codes: repeatedCodes(1, 3_000), compression: 'bytecode' }), { maxVariables: 2_000 });
    expect((err as InputLimitError).limit).toBe('SAV_MAX_VARIABLES');
    expect(err.message).toBe('survey.sav has 3,000 variables, 1,000 over the limit of 2,000 (SAV_MAX_VARIABLES)');
  });

  it('a ZLIB block declaring more than the per-block limit is refused before it is inflated', async () => {
    const spec: SavBytesSpec = {
      variables: 1,
      declaredCases: -1,
      codes: repeatedCodes(100, 1),
      compression: 'zlib',
      declaredBlockSize: () => 64 * 1024 * 1024,
    };
    const err = await failure(file(spec), { maxZlibBlockBytes: 16 * 1024 * 1024 });
    expect((err as InputLimitError).limit).toBe('SAV_MAX_ZLIB_BLOCK_MB');
    expect(err.message).toBe('survey.sav has a ZLIB data block that declares 64.0 MiB, 48.0 MiB over the limit of 16.0 MiB per block (SAV_MAX_ZLIB_BLOCK_MB)');
  });

  it('a ZLIB block that inflates past the size it declares is stopped at that size and called corrupt', async () => {
    // 8 MiB of codes in one block that declares 4 KiB.
    const spec: SavBytesSpec = {
      variables: 1,
      declaredCases: -1,
      codes: repeatedCodes(8 * 1024 * 1024, 1),
      compression: 'zlib',
      blockBytes: 16 * 1024 * 1024,
      declaredBlockSize: () => 4096,
    };
    const err = await failure(file(spec));
    expect(err).not.toBeInstanceOf(InputLimitError);
    expect(err.message).toBe('survey.sav is truncated or corrupt: a ZLIB data block inflates to more than the 4096 bytes it declares');
  });

  it('a ZLIB trailer claiming more blocks than it holds is corrupt, not a loop', async () => {
    const bytes = savBytes({ variables: 1, declaredCases: 3, codes: repeatedCodes(3, 1), compression: 'zlib' });
    bytes.writeInt32LE(2_000_000_000, bytes.length - 24 - 4);
    expect((await failure(file(bytes))).message).toBe('survey.sav is truncated or corrupt: the file ends inside the ZLIB trailer');
  });

  it('within the limits the same files read as PSPP writes them, every case', async () => {
    const d = await readSavFile(file({ variables: 2, declaredCases: -1, codes: repeatedCodes(50_000, 2, 3), compression: 'zlib', blockBytes: 4096 }));
    expect(d.cases.count).toBe(50_000);
    expect([d.cases.value(0, 0), d.cases.value(1, 49_999)]).toEqual([3, 3]);
  });
});

describe('measureSav: the decoded size from the header, dictionary and trailer alone', () => {
  it('is exact when the header gives the case count, however small the file', async () => {
    const bomb = file({ variables: 1, declaredCases: 3_000_000, codes: repeatedCodes(3_000_000, 1), compression: 'zlib' });
    expect(await measureSav(bomb)).toEqual({ variables: 1, declaredCases: 3_000_000, decodedBytes: 24_000_000 });
  });

  it('is the most the data could decode to when it does not: 8 bytes per code the ZLIB blocks declare', async () => {
    const codes = repeatedCodes(3_000_000, 1);
    const m = await measureSav(file({ variables: 1, declaredCases: -1, codes, compression: 'zlib' }));
    // 3,000,000 codes plus the end code, padded to a block of eight: every code byte could be a value of 8 bytes.
    expect(m.decodedBytes).toBe(8 * Math.ceil((codes.length + 1) / 8) * 8);
  });
});
