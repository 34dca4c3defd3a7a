import { describe, expect, it } from 'vitest';
import { formatFilter, parseFilter, simplifyFilter } from './index';

const simplified = (text: string) => formatFilter(simplifyFilter(parseFilter(text)));

describe('simplifyFilter', () => {
  it.each([
    ['Q1 == 1 | Q1 == 2', 'Q1 in (1, 2)'],
    ['Q1 == 1 | Q2 == 3 | Q1 in (2, 1) | Q1 == 4', 'Q1 in (1, 2, 4) | Q2 == 3'],
    ['Q1 in (5)', 'Q1 == 5'],
    ['!(Q1 == 1)', 'Q1 != 1'],
    ['!(Q1 != 1)', 'Q1 == 1'],
    ['!!(Q1 == 1)', 'Q1 == 1'],
    ['!(Q1 in (3))', 'Q1 != 3'],
    ['!(Q1 < 3)', '!(Q1 < 3)'],
    ['!(Q1 == 1 | Q1 == 2)', '!(Q1 in (1, 2))'],
    ['(Q1 == 1 | (Q1 == 2 | Q2 == 1)) & (Q3 == 1 & Q4 == 1)', '(Q1 in (1, 2) | Q2 == 1) & Q3 == 1 & Q4 == 1'],
    ['Q1 == "a" | Q1 == 1 | Q1 == "1"', 'Q1 in ("a", 1, "1")'],
    ['answered(Q1) | TRUE', 'answered(Q1) | TRUE'],
  ])('%s → %s', (text, expected) => {
    expect(simplified(text)).toBe(expected);
  });

  it('prints as text that parseFilter reads back to the same tree', () => {
    for (const text of ['!(Q1 == 1 | Q1 == 2) & (Q2 == 1 | Q3 in (1) | !answered(Q4))', '((Q1 == 1 & (Q2 == 1 & Q3 == 1)) | Q4 > 2) | !(!(Q5 <= 1))']) {
      const tree = simplifyFilter(parseFilter(text));
      expect(parseFilter(formatFilter(tree))).toEqual(tree);
    }
  });

  it('merges long or-lists into one in-list', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `Q1 == ${i % 1000}`).join(' | ');
    expect(simplified(text)).toBe(`Q1 in (${Array.from({ length: 1000 }, (_, i) => i).join(', ')})`);
  });
});
