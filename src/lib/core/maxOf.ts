/**
 * The largest of `values`, or `floor` when none is larger. A loop, not `Math.max(...values)`: spreading an array of
 * about 120,000 numbers or more overflows the call stack (every row label of a large workbook, every run of a long log).
 */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}
