import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatasetSpec } from './savSpec';
import { writeSavWithPspp } from './writeSavWithPspp';

/** A 12-respondent dataset small enough to check every count by hand. */
export function smallFixtureDataset(): DatasetSpec {
  return {
    variables: [
      { name: 'ID', label: 'Respondent ID', type: 'numeric', width: 4, level: 'scale' },
      { name: 'GENDER', label: 'Gender', type: 'numeric', width: 1, valueLabels: [[1, 'Male'], [2, 'Female']], level: 'nominal' },
      {
        name: 'Q1',
        label: 'Would you buy again?',
        type: 'numeric',
        width: 1,
        valueLabels: [[1, 'Yes'], [2, 'No'], [9, "Don't know"]],
        missing: [9],
        level: 'nominal',
      },
      { name: 'Q2_1', label: 'Features used: Search', type: 'numeric', width: 1, valueLabels: [[0, 'Not selected'], [1, 'Selected']] },
      { name: 'Q2_2', label: 'Features used: Alerts', type: 'numeric', width: 1, valueLabels: [[0, 'Not selected'], [1, 'Selected']] },
      { name: 'AGE', label: 'Age in years', type: 'numeric', width: 3, missingRange: [900, 999], level: 'scale' },
      { name: 'COMMENT', label: 'Any comments?', type: 'string', width: 30 },
      { name: 'WGT', label: 'Weight', type: 'numeric', width: 6, decimals: 2, level: 'scale' },
    ],
    // ID, GENDER, Q1, Q2_1, Q2_2, AGE, COMMENT, WGT
    rows: [
      [101, 1, 1, 1, 0, 25, 'Great product', 1.5],
      [102, 2, 2, 0, 1, 34, '', 0.5],
      [103, 1, 9, 1, 1, 41, 'Too slow', 1],
      [104, 2, 1, 0, 0, 52, '', 1],
      [105, 2, 1, 1, 0, 999, 'ok', 2],
      [106, 1, 2, 1, 1, 63, '', 1],
      [107, 2, null, 0, 1, 29, 'Would like more colours', 0.75],
      [108, 1, 1, 0, 0, 38, '', 1.25],
      [109, 2, 1, 1, 1, null, 'Fine', 1],
      [110, 1, 2, 0, 0, 47, '', 0.5],
      [111, 2, 9, 1, 0, 55, 'Café was closed', 1.5],
      [112, 1, 1, 1, 1, 71, '', 1],
    ],
    weight: 'WGT',
  };
}

/** Three respondents in a file whose text is stored as ISO-8859-1 rather than UTF-8. */
export function latin1FixtureDataset(): DatasetSpec {
  return {
    variables: [
      { name: 'Q1', label: 'Café visit rating', type: 'numeric', width: 1, valueLabels: [[1, 'Très bien'], [2, 'Médiocre']] },
      { name: 'NOTE', label: 'Remarque', type: 'string', width: 20 },
    ],
    rows: [
      [1, 'déjà vu'],
      [2, ''],
      [1, 'ok'],
    ],
    encoding: 'ISO-8859-1',
  };
}

/** 494 bytes of text: stored in two 255-byte pieces, with a two-byte character across the split. */
export const LONG_ANSWER = Array.from({ length: 26 }, (_, i) => `${String.fromCharCode(97 + i)}${'é'.repeat(9)}`).join('');

/** UTF-8 text whose multi-byte characters straddle the 8-byte pieces string values are stored in. */
export function utf8FixtureDataset(): DatasetSpec {
  return {
    variables: [
      { name: 'ID', label: 'Respondent ID', type: 'numeric', width: 2 },
      {
        name: 'VILLE',
        label: 'Ville préférée',
        type: 'string',
        width: 16,
        valueLabels: [['Besançon', 'Besançon (Doubs)'], ['Orléans', 'Orléans (Loiret)']],
      },
      { name: 'AVIS', label: 'Votre avis', type: 'string', width: 40 },
      { name: 'LONG', label: 'Longer answer', type: 'string', width: 600 },
    ],
    rows: [
      [1, 'Besançon', 'abcdefgé voilà', LONG_ANSWER],
      [2, 'Orléans', 'Crème brûlée à volonté — 7½ €', ''],
    ],
  };
}

/** Eight weighted respondents with every kind of multiple-response set pspp writes, and a respondent number. */
export function mrsetsFixtureDataset(): DatasetSpec {
  const used = (name: string, label: string, yes: string) => ({
    name,
    label,
    type: 'numeric' as const,
    width: 1,
    valueLabels: [[0, 'No'], [1, yes], [9, 'No answer']] as Array<[number, string]>,
    missing: [9],
  });
  const brands: Array<[number, string]> = [[1, 'Alpha'], [2, 'Bravo'], [3, 'Cobalt'], [4, 'Delta']];
  return {
    variables: [
      { name: 'resp', label: 'Respondent number', type: 'numeric', width: 4, level: 'scale' },
      used('uses_car', 'Car', 'Drove'),
      used('uses_bus', 'Bus', 'Took the bus'),
      used('uses_bicycle', 'Bicycle', 'Cycled'),
      { name: 'm1', label: 'First brand mentioned', type: 'numeric', width: 1, valueLabels: brands },
      { name: 'm2', label: 'Second brand mentioned', type: 'numeric', width: 1, valueLabels: brands },
      { name: 'tea', label: 'Drinks tea', type: 'string', width: 3 },
      { name: 'coffee', label: 'Drinks coffee', type: 'string', width: 3 },
      { name: 'wgt', label: 'Weight', type: 'numeric', width: 5, decimals: 2, level: 'scale' },
    ],
    // resp, uses_car, uses_bus, uses_bicycle, m1, m2, tea, coffee, wgt
    rows: [
      [7, 1, 0, 1, 3, 2, 'yes', 'no', 1.5],
      [3, 0, 1, 0, 1, null, 'no', 'yes', 0.5],
      [12, 1, 1, 9, 2, 1, 'yes', 'yes', 2],
      [5, 9, 9, 9, null, null, '', '', 1.25],
      [9, 0, 0, 1, 4, 3, 'no', 'no', 0.75],
      [2, 1, 0, 0, 2, null, 'yes', '', 1],
      [10, 0, 1, 1, 1, 2, 'no', 'yes', 1.5],
      [4, 1, 1, 1, 3, 4, 'yes', 'yes', 0.5],
    ],
    weight: 'wgt',
    multiResponseSets: [
      { kind: 'dichotomy', name: '$used', label: 'Ways of travelling', variables: ['uses_car', 'uses_bus', 'uses_bicycle'], value: 1 },
      { kind: 'category', name: '$brands', label: 'Brands mentioned', variables: ['m1', 'm2'] },
      { kind: 'dichotomy', name: '$drinks', label: 'Drinks', variables: ['tea', 'coffee'], value: 'yes' },
      {
        kind: 'dichotomy',
        name: '$travel',
        variables: ['uses_car', 'uses_bus', 'uses_bicycle'],
        value: 1,
        categoryLabels: 'countedvalues',
        labelFromVariable: true,
      },
    ],
  };
}

/** Write the test fixtures: a hand-checkable .sav, its uncompressed and ZLIB twins, ISO-8859-1 and UTF-8 text files, multiple-response sets (and a ZLIB twin), and broken files for the error paths. */
export function writeFixtures(dir: string, realSav: string): void {
  const small = path.join(dir, 'small.sav');
  writeSavWithPspp(smallFixtureDataset(), small);
  writeSavWithPspp(smallFixtureDataset(), path.join(dir, 'small-zlib.sav'), { compression: 'zlib' });
  writeSavWithPspp(smallFixtureDataset(), path.join(dir, 'small-uncompressed.sav'), { compression: 'none' });
  writeSavWithPspp(latin1FixtureDataset(), path.join(dir, 'latin1.sav'));
  writeSavWithPspp(utf8FixtureDataset(), path.join(dir, 'utf8-text.sav'));
  writeSavWithPspp(mrsetsFixtureDataset(), path.join(dir, 'mrsets.sav'));
  writeSavWithPspp(mrsetsFixtureDataset(), path.join(dir, 'mrsets-zlib.sav'), { compression: 'zlib' });
  writeFileSync(path.join(dir, 'empty.sav'), Buffer.alloc(0));
  writeFileSync(path.join(dir, 'not-spss.sav'), 'RESPID,Q1,Q2\n1,2,3\n4,5,6\n', 'utf8');
  const real = readFileSync(realSav);
  writeFileSync(path.join(dir, 'truncated.sav'), real.subarray(0, Math.floor(real.length * 0.6)));
  writeFileSync(path.join(dir, 'truncated-dictionary.sav'), readFileSync(small).subarray(0, 300));
}
