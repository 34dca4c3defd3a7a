import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineInputError } from '@/lib/core/PipelineErrors';
import type { MultiResponseSet } from '@/lib/core/types';
import { parseMultiResponseSets } from './parseMultiResponseSets';
import { readSavFile } from './readSavFile';

const FIXTURE = 'tests/fixtures/sav/mrsets.sav';
const utf8 = (bytes: Buffer) => bytes.toString('utf8');

/** What pspp's MRSETS wrote into the fixture (scripts/examples/fixtures.ts). */
const FIXTURE_SETS: MultiResponseSet[] = [
  {
    name: '$used',
    label: 'Ways of travelling',
    type: 'dichotomy',
    variables: ['uses_car', 'uses_bus', 'uses_bicycle'],
    countedValue: 1,
    categoryLabels: 'varlabels',
  },
  { name: '$brands', label: 'Brands mentioned', type: 'category', variables: ['m1', 'm2'] },
  { name: '$drinks', label: 'Drinks', type: 'dichotomy', variables: ['tea', 'coffee'], countedValue: 'yes', categoryLabels: 'varlabels' },
  {
    name: '$travel',
    label: 'Car',
    type: 'dichotomy',
    variables: ['uses_car', 'uses_bus', 'uses_bicycle'],
    countedValue: 1,
    categoryLabels: 'countedvalues',
  },
];

describe('parseMultiResponseSets', () => {
  it('reads the records of the system file format description (subtypes 7 and 19)', () => {
    const old = parseMultiResponseSets(Buffer.from('\n$a=C 10 my mcgroup a b c\n$b=D2 55 0  g e f d\n$c=D3 Yes 10 mdgroup #2 h i j\n'), utf8);
    expect(old.map((s) => [s.name, s.type, s.countedValue, s.label, s.shortNames])).toEqual([
      ['$a', 'category', null, 'my mcgroup', ['a', 'b', 'c']],
      ['$b', 'dichotomy', '55', '', ['g', 'e', 'f', 'd']],
      ['$c', 'dichotomy', 'Yes', 'mdgroup #2', ['h', 'i', 'j']],
    ]);
    const extended = parseMultiResponseSets(Buffer.from('$d=E 1 2 34 13 third mdgroup k l m\n\n\n$e=E 11 6 choice 0  n o p'), utf8);
    expect(extended.map((s) => [s.name, s.categoryLabels, s.labelFromVariables, s.countedValue, s.label, s.shortNames])).toEqual([
      ['$d', 'countedvalues', false, '34', 'third mdgroup', ['k', 'l', 'm']],
      ['$e', 'countedvalues', true, 'choice', '', ['n', 'o', 'p']],
    ]);
  });

  it('counts label lengths in bytes, not characters', () => {
    const [set] = parseMultiResponseSets(Buffer.from('$a=C 12 Café crème a b\n'), utf8);
    expect(set?.label).toBe('Café crème');
    expect(set?.shortNames).toEqual(['a', 'b']);
  });

  it.each([
    ['$a C 3 abc a b\n', 'a set has no "=" after its name'],
    ['a=C 3 abc a b\n', 'set name "a" does not begin with "$"'],
    ['$a=X 3 abc a b\n', 'set $a has type "X" (expected C, D or E)'],
    ['$a=C3 abc a b\n', 'set $a has no space after "C"'],
    ['$a=C x abc a b\n', 'set $a has no length before its label'],
    ['$a=C 99 abc a b\n', 'set $a has a label that runs past the end of the record'],
    ['$a=E 7 1 1 3 abc a b\n', 'set $a has label source "7" (expected 1 or 11)'],
    ['$a=D1 1 3 abcd a b\n', 'set $a has no space after its label'],
  ])('rejects %j: %s', (record, message) => {
    expect(() => parseMultiResponseSets(Buffer.from(record), utf8)).toThrow(message);
  });
});

describe('readSavFile: multiple-response sets', () => {
  it('exposes the sets pspp declared, members by their long names, the label from the members when asked', async () => {
    const d = await readSavFile(FIXTURE);
    expect(d.multiResponseSets).toEqual(FIXTURE_SETS);
    expect(d.weightVariable).toBe('wgt');
  });

  it('reads the ZLIB twin identically', async () => {
    const plain = await readSavFile(FIXTURE);
    const zlib = await readSavFile('tests/fixtures/sav/mrsets-zlib.sav');
    expect({ ...zlib, fileName: plain.fileName }).toEqual(plain);
  });

  it('leaves the field out for a file without sets', async () => {
    expect((await readSavFile('tests/fixtures/sav/small.sav')).multiResponseSets).toBeUndefined();
  });

  /** The fixture with one run of bytes inside its set records replaced by another of the same length. */
  function patched(from: string, to: string): string {
    const bytes = readFileSync(FIXTURE);
    const at = bytes.indexOf(from, 0, 'latin1');
    expect(at, `"${from}" is in the fixture`).toBeGreaterThan(0);
    bytes.write(to, at, 'latin1');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mrsets-')), 'survey.sav');
    writeFileSync(file, bytes);
    return file;
  }

  it.each([
    ['$used=D1 1', '$used=Q1 1', 'set $used has type "Q" (expected C, D or E)'],
    ['uses_bic\n$brands', 'uses_xyz\n$brands', 'set $used names variable uses_xyz, which is not in the file'],
    ['$brands=C 16', '$brands=C 96', 'set $brands has a label that runs past the end of the record'],
    ['$used=D1 1', '$used=D1 x', 'set $used counts "x", which is not a number, on numeric variables'],
    ['$drinks=D3', '$drinks_D3', 'a set has no "=" after its name (at byte 96 of the record)'],
    ['Drinks tea coffee', 'Drinks wgt coffee', 'set $drinks mixes numeric and string variables'],
    ['$travel=E 11', '$travel=E 17', 'set $travel has label source "17" (expected 1 or 11)'],
    ['$drinks=D3', '$brands=D3', 'set $brands is declared twice'],
  ])('a malformed record (%j → %j) is one line naming the file', async (from, to, reason) => {
    const file = patched(from, to);
    const err = await readSavFile(file, { label: 'survey.sav' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PipelineInputError);
    expect((err as Error).message).toBe(`survey.sav has a malformed multiple-response set record: ${reason}`);
  });
});
