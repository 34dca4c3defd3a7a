import { describe, expect, it } from 'vitest';
import type { CellValue, SavVariable } from '@/lib/core/types';
import { casesFromRows } from '@/lib/core/CaseTable';
import {
  compileFilter,
  describeFilterError,
  FilterSyntaxError,
  filterVariables,
  formatFilter,
  parseFilter,
  UnknownVariableError,
  FilterTypeError,
} from './index';

const numeric = (name: string, missing: Array<number> = [], range?: { low: number; high: number }): SavVariable => ({
  name,
  label: name,
  type: 'numeric',
  missing: { values: missing, ...(range ? { range } : {}) },
  valueLabels: [],
});
const VARS: SavVariable[] = [
  numeric('Q1', [99]),
  numeric('Q2'),
  { name: 'City', label: 'City', type: 'string', missing: { values: ['NA'] }, valueLabels: [] },
  numeric('Age', [], { low: 900, high: 999 }),
];
const row = (q1: CellValue, q2: CellValue, city: CellValue, age: CellValue): CellValue[] => [q1, q2, city, age];
const matches = (text: string, r: CellValue[]): boolean => compileFilter(text, VARS)(casesFromRows([r], VARS.length), 0);

describe('parseFilter', () => {
  it('binds & tighter than |', () => {
    expect(parseFilter('Q1 == 1 | Q1 == 2 & Q2 == 3')).toEqual({
      type: 'or',
      children: [
        { type: 'compare', variable: 'Q1', op: '==', value: 1 },
        {
          type: 'and',
          children: [
            { type: 'compare', variable: 'Q1', op: '==', value: 2 },
            { type: 'compare', variable: 'Q2', op: '==', value: 3 },
          ],
        },
      ],
    });
  });

  it('parses !, parentheses, in-lists, answered, TRUE and negative/decimal numbers', () => {
    const tree = parseFilter('!(Q1 in (1, -2, 3.5) | answered(Q2)) & TRUE');
    expect(formatFilter(tree)).toBe('!(Q1 in (1, -2, 3.5) | answered(Q2)) & TRUE');
    expect(parseFilter('City == "New \\"York\\""')).toEqual({
      type: 'compare',
      variable: 'City',
      op: '==',
      value: 'New "York"',
    });
  });

  it('accepts identifiers with . @ # $ _ and every operator', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) {
      expect(parseFilter(`$v.1@#_x ${op} 4`)).toMatchObject({ variable: '$v.1@#_x', op });
    }
  });

  it('reports syntax errors with their position', () => {
    const cases: Array<[string, number]> = [
      ['Q1 = 1', 3],
      ['Q1 == 1 &', 9],
      ['(Q1 == 1', 8],
      ['Q1 1', 3],
      ['Q1 in (1,)', 9],
      ['City == "abc', 8],
      ['Q1 == 1 Q2 == 2', 8],
      ['', 0],
      ['Q1 ~ 2', 3],
    ];
    for (const [text, position] of cases) {
      let caught: unknown;
      try {
        parseFilter(text);
      } catch (err) {
        caught = err;
      }
      expect(caught, text).toBeInstanceOf(FilterSyntaxError);
      expect((caught as FilterSyntaxError).position, text).toBe(position);
    }
  });

  it('parses long and adversarial inputs in linear time', () => {
    const long = Array.from({ length: 20000 }, (_, i) => `Q1 == ${i}`).join(' | ');
    const started = performance.now();
    expect(parseFilter(long).type).toBe('or');
    expect(() => parseFilter(`${'a'.repeat(100000)}!`)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(`"${'\\'.repeat(100001)}`)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(`${'('.repeat(100000)}Q1 == 1`)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(`${'!'.repeat(100000)}Q1 == 1`)).toThrow(FilterSyntaxError);
    expect(formatFilter(parseFilter(`${'('.repeat(150)}Q1 == 1${')'.repeat(150)}`))).toBe('Q1 == 1');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('filterVariables', () => {
  it('lists distinct variables in order, case-insensitively', () => {
    expect(filterVariables('q1 == 1 & (Q2 in (1,2) | answered(Q1)) & !City == "x"')).toEqual(['q1', 'Q2', 'City']);
    expect(filterVariables('TRUE')).toEqual([]);
  });
});

describe('compileFilter', () => {
  it('evaluates comparisons, precedence and negation', () => {
    const r = row(2, 5, 'Paris', 30);
    expect(matches('Q1 == 2', r)).toBe(true);
    expect(matches('q1 == 2', r)).toBe(true);
    expect(matches('Q1 != 2', r)).toBe(false);
    expect(matches('Q2 > 4 & Q2 >= 5 & Q2 < 6 & Q2 <= 5', r)).toBe(true);
    expect(matches('Q1 == 1 | Q1 == 2 & Q2 == 9', r)).toBe(false);
    expect(matches('(Q1 == 1 | Q1 == 2) & Q2 == 5', r)).toBe(true);
    expect(matches('!Q1 == 1', r)).toBe(true);
    expect(matches('!(Q1 == 2 & Q2 == 5)', r)).toBe(false);
    expect(matches('TRUE', r)).toBe(true);
  });

  it('handles in-lists and strings (trailing padding ignored)', () => {
    expect(matches('Q1 in (1, 2, 3)', row(3, 0, 'x', 1))).toBe(true);
    expect(matches('Q1 in (1, 2)', row(3, 0, 'x', 1))).toBe(false);
    expect(matches('City == "Paris"', row(1, 1, 'Paris   ', 1))).toBe(true);
    expect(matches('City in ("Rome", "Paris")', row(1, 1, 'Paris', 1))).toBe(true);
    expect(matches('City < "Q"', row(1, 1, 'Paris', 1))).toBe(true);
    expect(matches('Q1 == "2"', row(2, 1, 'x', 1))).toBe(true);
  });

  it('treats system-missing and user-missing values as failing every comparison', () => {
    const sysMissing = row(null, null, null, null);
    expect(matches('Q1 == 1', sysMissing)).toBe(false);
    expect(matches('Q1 != 1', sysMissing)).toBe(false);
    expect(matches('!Q1 == 1', sysMissing)).toBe(true);
    expect(matches('answered(Q1)', sysMissing)).toBe(false);
    const userMissing = row(99, 1, 'NA', 950);
    expect(matches('Q1 == 99', userMissing)).toBe(false);
    expect(matches('Q1 > 0', userMissing)).toBe(false);
    expect(matches('answered(Q1)', userMissing)).toBe(false);
    expect(matches('City == "NA"', userMissing)).toBe(false);
    expect(matches('answered(City)', row(1, 1, '   ', 1))).toBe(false);
    expect(matches('Age >= 900', userMissing)).toBe(false);
    expect(matches('Age >= 900', row(1, 1, 'x', 1000))).toBe(true);
    expect(matches('answered(Q2)', userMissing)).toBe(true);
  });

  it('lists every unknown variable', () => {
    let caught: unknown;
    try {
      compileFilter('Q1 == 1 & Nope == 2 | answered(Other) & nope == 3', VARS);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UnknownVariableError);
    expect((caught as UnknownVariableError).variables).toEqual(['Nope', 'Other']);
    expect(describeFilterError(caught)).toContain('Nope, Other');
  });

  it('rejects text literals against numeric variables', () => {
    expect(() => compileFilter('Q1 == "yes"', VARS)).toThrow(FilterTypeError);
  });
});

describe('describeFilterError', () => {
  it('explains syntax errors with the place of the error', () => {
    let message = '';
    try {
      parseFilter('Q1 = 1');
    } catch (err) {
      message = describeFilterError(err);
    }
    expect(message).toContain('Q1 = 1');
    expect(message).toContain('position 3');
    expect(describeFilterError('boom')).toBe('boom');
  });

  it('quotes at most the start of a megabyte expression', () => {
    const long = `${'Q1 == 1 | '.repeat(100_000)}Q1 = 1`;
    let message = '';
    try {
      parseFilter(long);
    } catch (err) {
      message = describeFilterError(err);
    }
    expect(message.length).toBeLessThan(400);
    expect(message).toContain(`(${long.length} characters)`);
    expect(message).toContain(`position ${long.length - 3}`);
  });
});

describe('filter language on a megabyte of any shape', () => {
  it('parses, inspects and compiles or rejects each shape', () => {
    const MB = 1024 * 1024;
    const shapes = [
      'Q1 == 1 | '.repeat(MB / 10) + 'Q1 == 1',
      'Q1 == 1 & '.repeat(MB / 10) + 'Q2 == 2',
      `Q1 in (${Array.from({ length: 150_000 }, (_, i) => i).join(', ')})`,
      `${'('.repeat(150)}Q1 == 1${')'.repeat(150)} | `.repeat(3000) + 'Q1 == 1',
      '('.repeat(MB),
      '!'.repeat(MB),
      '='.repeat(MB),
      `Q1 == ${'7'.repeat(MB)}`,
      `City == "${'a\\"'.repeat(MB / 4)}"`,
      `City == "${'\\'.repeat(MB)}`,
      '\0'.repeat(MB),
      '年'.repeat(MB),
    ];
    for (const text of shapes) {
      let outcome: string;
      try {
        const tree = parseFilter(text);
        expect(formatFilter(tree).length).toBeGreaterThan(0);
        compileFilter(text, VARS)(casesFromRows([row(1, 2, 'x', 3)]), 0);
        outcome = 'compiled';
      } catch (err) {
        expect(err).toBeInstanceOf(Error);
        outcome = describeFilterError(err);
      }
      expect(outcome.length).toBeLessThan(1000);
    }
  }, 20_000);
});
