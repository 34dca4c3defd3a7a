import { describe, expect, it } from 'vitest';
import { maxOf } from './maxOf';

describe('maxOf', () => {
  it('takes the largest value of an array far beyond what a spread into Math.max survives', () => {
    const values = Array.from({ length: 500_000 }, (_, i) => i % 977);
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(maxOf(values)).toBe(976);
  });

  it('answers the floor for no values or only smaller ones', () => {
    expect(maxOf([], 20)).toBe(20);
    expect(maxOf([3, 7], 20)).toBe(20);
    expect(maxOf([3, 27], 20)).toBe(27);
  });
});
