import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import { rowsOf } from '@/lib/core/CaseTable';
import { LONG_ANSWER } from '../../../scripts/examples/fixtures';
import { readSavFile } from './readSavFile';

const fixture = (name: string) => path.join('tests/fixtures/sav', name);
const BRAND = 'examples/brand-tracker/brand-tracker.sav';
const PULSE = 'examples/employee-pulse/employee-pulse.sav';

async function inputError(file: string): Promise<PipelineInputError> {
  const err = await readSavFile(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PipelineInputError);
  return err as PipelineInputError;
}

describe('readSavFile on the hand-checkable fixture', () => {
  it('reads the dictionary: names, labels, types, measures', async () => {
    const d = await readSavFile(fixture('small.sav'));
    expect(d.fileName).toBe('small.sav');
    expect(d.variables.map((v) => v.name)).toEqual(['ID', 'GENDER', 'Q1', 'Q2_1', 'Q2_2', 'AGE', 'COMMENT', 'WGT']);
    expect(d.variables.map((v) => v.type)).toEqual(['numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'string', 'numeric']);
    expect(d.variables[2]!.label).toBe('Would you buy again?');
    expect(d.variables[1]!.measure).toBe('nominal');
    expect(d.variables[5]!.measure).toBe('scale');
    expect(d.encoding).toBe('UTF-8');
  });

  it('normalises value labels and discrete and range missing values', async () => {
    const d = await readSavFile(fixture('small.sav'));
    const q1 = d.variables.find((v) => v.name === 'Q1')!;
    expect(q1.valueLabels).toEqual([
      { value: 1, label: 'Yes' },
      { value: 2, label: 'No' },
      { value: 9, label: "Don't know" },
    ]);
    expect(q1.missing).toEqual({ values: [9] });
    expect(d.variables.find((v) => v.name === 'AGE')!.missing).toEqual({ values: [], range: { low: 900, high: 999 } });
    expect(d.variables.find((v) => v.name === 'GENDER')!.missing).toEqual({ values: [] });
  });

  it('reads rows aligned with the variables, system-missing as null, strings trimmed', async () => {
    const d = await readSavFile(fixture('small.sav'));
    expect(d.cases.count).toBe(12);
    expect(rowsOf(d.cases, d.variables.length)[0]).toEqual([101, 1, 1, 1, 0, 25, 'Great product', 1.5]);
    expect(rowsOf(d.cases, d.variables.length)[1]).toEqual([102, 2, 2, 0, 1, 34, '', 0.5]);
    expect(rowsOf(d.cases, d.variables.length)[6]![2]).toBeNull();
    expect(rowsOf(d.cases, d.variables.length)[8]![5]).toBeNull();
    expect(rowsOf(d.cases, d.variables.length)[10]).toEqual([111, 2, 9, 1, 0, 55, 'Café was closed', 1.5]);
    expect(rowsOf(d.cases, d.variables.length).reduce((sum, r) => sum + (r[7] as number), 0)).toBe(13);
  });

  it('takes the weight variable from the file header', async () => {
    expect((await readSavFile(fixture('small.sav'))).weightVariable).toBe('WGT');
  });

  it.each(['small-zlib.sav', 'small-uncompressed.sav'])('reads the %s twin identically', async (twin) => {
    const plain = await readSavFile(fixture('small.sav'));
    const other = await readSavFile(fixture(twin));
    expect({ ...other, fileName: plain.fileName }).toEqual(plain);
  });
});

describe('readSavFile text decoding', () => {
  it('keeps UTF-8 characters that straddle the 8-byte segments and 255-byte pieces of a string value', async () => {
    const d = await readSavFile(fixture('utf8-text.sav'));
    expect(rowsOf(d.cases, d.variables.length)).toEqual([
      [1, 'Besançon', 'abcdefgé voilà', LONG_ANSWER],
      [2, 'Orléans', 'Crème brûlée à volonté — 7½ €', ''],
    ]);
    expect(d.variables[1]!.label).toBe('Ville préférée');
    expect(d.variables[1]!.valueLabels).toEqual([
      { value: 'Besançon', label: 'Besançon (Doubs)' },
      { value: 'Orléans', label: 'Orléans (Loiret)' },
    ]);
  });

  it('decodes labels and values in the declared legacy encoding', async () => {
    const d = await readSavFile(fixture('latin1.sav'));
    expect(d.encoding).toBe('ISO-8859-1');
    expect(d.variables[0]!.label).toBe('Café visit rating');
    expect(d.variables[0]!.valueLabels.map((l) => l.label)).toEqual(['Très bien', 'Médiocre']);
    expect(rowsOf(d.cases, d.variables.length).map((r) => r[1])).toEqual(['déjà vu', '', 'ok']);
  });
});

describe('readSavFile on the bundled examples', () => {
  it('reads brand-tracker: 800 weighted respondents with skips, loop and open ends', async () => {
    const d = await readSavFile(BRAND);
    expect(d.cases.count).toBe(800);
    expect(d.variables).toHaveLength(27);
    expect(d.weightVariable).toBe('WEIGHT');
    const col = (name: string) => d.variables.findIndex((v) => v.name === name);
    const q3 = d.variables[col('Q3')]!;
    expect(q3.missing.values).toEqual([99]);
    expect(q3.valueLabels.find((l) => l.value === 99)?.label).toBe("Don't know");
    const rows = rowsOf(d.cases, d.variables.length);
    for (const row of rows) {
      const w = row[col('WEIGHT')] as number;
      expect(w).toBeGreaterThanOrEqual(0.5);
      expect(w).toBeLessThanOrEqual(2);
      const sat = row[col('Q3')];
      expect(row[col('Q4')] === null).toBe(sat !== 4 && sat !== 5);
      expect(row[col('Q7')] === null).toBe(row[col('Q6')] !== 1);
      const stores = row[col('STORES')] as number;
      expect(row[col('Q10_L3')] === null).toBe(stores < 3);
      expect(typeof row[col('Q9')]).toBe('string');
    }
    expect(rows.some((r) => (r[col('Q9')] as string).length > 0)).toBe(true);
  });

  it('reads employee-pulse: 500 unweighted rows', async () => {
    const d = await readSavFile(PULSE);
    expect(d.cases.count).toBe(500);
    expect(d.weightVariable).toBeNull();
    expect(d.variables.find((v) => v.name === 'E1')!.missing.values).toEqual([9]);
    expect(d.variables.find((v) => v.name === 'DEPT')!.valueLabels).toHaveLength(5);
  });
});

describe('readSavFile rejects bad input with one clear line', () => {
  it('empty file', async () => {
    const err = await inputError(fixture('empty.sav'));
    expect(err.message).toBe('tests/fixtures/sav/empty.sav is empty (0 bytes)');
    expect(err.file).toBe('tests/fixtures/sav/empty.sav');
    expect(err.stage).toBe('validation');
  });

  it('text file named .sav', async () => {
    expect((await inputError(fixture('not-spss.sav'))).message).toBe('tests/fixtures/sav/not-spss.sav is not an SPSS .sav file');
  });

  it('data section cut short', async () => {
    expect((await inputError(fixture('truncated.sav'))).message).toBe(
      'tests/fixtures/sav/truncated.sav is truncated or corrupt: the header declares 800 cases but only 450 are complete',
    );
  });

  it('dictionary cut short', async () => {
    expect((await inputError(fixture('truncated-dictionary.sav'))).message).toMatch(
      /^tests\/fixtures\/sav\/truncated-dictionary\.sav is truncated or corrupt: the file ends inside /,
    );
  });

  it('a file only a few bytes long', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sav-'));
    const file = path.join(dir, 'tiny.sav');
    writeFileSync(file, '$F');
    expect((await inputError(file)).message).toBe(`${file} is not an SPSS .sav file`);
    writeFileSync(file, '$FL2 and nothing else');
    expect((await inputError(file)).message).toMatch(/is truncated or corrupt: the file ends inside the file header$/);
  });

  it('every truncation point of the fixture gives a PipelineInputError, never a raw exception', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sav-'));
    const full = readFileSync(fixture('small.sav'));
    const file = path.join(dir, 'cut.sav');
    for (let len = 1; len < full.length; len += 7) {
      writeFileSync(file, full.subarray(0, len));
      const err = await inputError(file);
      expect(err.message.split('\n')).toHaveLength(1);
    }
  });

  it('a file whose header does not record the case count: whole cases are read, a cut case is reported', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sav-'));
    const unknownCount = Buffer.from(readFileSync(fixture('small.sav')));
    unknownCount.writeInt32LE(-1, 80);
    const whole = path.join(dir, 'whole.sav');
    writeFileSync(whole, unknownCount);
    expect((await readSavFile(whole)).cases.count).toBe(12);
    const cut = path.join(dir, 'cut.sav');
    writeFileSync(cut, unknownCount.subarray(0, unknownCount.length - 20));
    expect((await inputError(cut)).message).toMatch(/is truncated or corrupt: the data ends part-way through case \d+$/);
  });

  it('missing file and folder', async () => {
    expect((await inputError('no/such/file.sav')).message).toBe('no/such/file.sav does not exist');
    const dir = mkdtempSync(path.join(tmpdir(), 'sav-'));
    expect((await inputError(dir)).message).toBe(`${dir} is a folder, not a .sav file`);
  });

  it('unreadable file', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const dir = mkdtempSync(path.join(tmpdir(), 'sav-'));
    const file = path.join(dir, 'locked.sav');
    copyFileSync(fixture('small.sav'), file);
    const { chmodSync } = await import('node:fs');
    chmodSync(file, 0o000);
    expect((await inputError(file)).message).toBe(`${file} cannot be read (permission denied)`);
  });
});
