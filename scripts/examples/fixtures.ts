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

/** Write the test fixtures: a hand-checkable .sav, its uncompressed and ZLIB twins, ISO-8859-1 and UTF-8 text files, and broken files for the error paths. */
export function writeFixtures(dir: string, realSav: string): void {
  const small = path.join(dir, 'small.sav');
  writeSavWithPspp(smallFixtureDataset(), small);
  writeSavWithPspp(smallFixtureDataset(), path.join(dir, 'small-zlib.sav'), { compression: 'zlib' });
  writeSavWithPspp(smallFixtureDataset(), path.join(dir, 'small-uncompressed.sav'), { compression: 'none' });
  writeSavWithPspp(latin1FixtureDataset(), path.join(dir, 'latin1.sav'));
  writeSavWithPspp(utf8FixtureDataset(), path.join(dir, 'utf8-text.sav'));
  writeFileSync(path.join(dir, 'empty.sav'), Buffer.alloc(0));
  writeFileSync(path.join(dir, 'not-spss.sav'), 'RESPID,Q1,Q2\n1,2,3\n4,5,6\n', 'utf8');
  const real = readFileSync(realSav);
  writeFileSync(path.join(dir, 'truncated.sav'), real.subarray(0, Math.floor(real.length * 0.6)));
  writeFileSync(path.join(dir, 'truncated-dictionary.sav'), readFileSync(small).subarray(0, 300));
}
