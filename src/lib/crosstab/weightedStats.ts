/** Summary statistics of one column of a numeric question (all null when there are no answers). */
export interface WeightedSummary {
  mean: number | null;
  median: number | null;
  stdDev: number | null;
  min: number | null;
  max: number | null;
}

/**
 * Weighted summary statistics, weights treated as frequency weights (as SPSS does):
 * variance = Σw(x-mean)² / (Σw - 1), null when Σw <= 1. The median is the value where the cumulative weight
 * reaches half the total, averaged with the next value when it lands exactly on half (the usual median for equal weights).
 * `weights` null means every weight is 1. With equal weights a Float64Array of values is sorted in place (values are a
 * scratch list: a column of millions of answers is not copied to find its median).
 */
export function weightedSummary(values: ArrayLike<number>, weights: ArrayLike<number> | null): WeightedSummary {
  const weightOf = weights === null ? () => 1 : (i: number) => weights[i] ?? 0;
  let total = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let equalWeights = true;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    const w = weightOf(i);
    total += w;
    sum += w * x;
    if (x < min) min = x;
    if (x > max) max = x;
    if (w !== weightOf(0)) equalWeights = false;
  }
  if (values.length === 0 || total <= 0) return { mean: null, median: null, stdDev: null, min: null, max: null };
  const mean = sum / total;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += weightOf(i) * ((values[i] as number) - mean) ** 2;
  const stdDev = total > 1 ? Math.sqrt(squares / (total - 1)) : null;
  return { mean, median: weightedMedian(values, weightOf, total, equalWeights), stdDev, min, max };
}

/**
 * The weighted median. Cases are put in value order in typed arrays (equal weights: the values sorted natively; else an
 * index sorted by value), so a column of millions of answers costs a few bytes per answer, never an object each.
 */
function weightedMedian(values: ArrayLike<number>, weightOf: (i: number) => number, total: number, equalWeights: boolean): number {
  const n = values.length;
  const inPlace = equalWeights && values instanceof Float64Array;
  const sorted = inPlace ? values : Float64Array.from(values);
  let weightAt: (k: number) => number;
  if (equalWeights) {
    sorted.sort();
    const w = weightOf(0);
    weightAt = () => w;
  } else {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (values[a] as number) - (values[b] as number));
    for (let k = 0; k < n; k++) sorted[k] = values[order[k] as number] as number;
    weightAt = (k) => weightOf(order[k] as number);
  }
  const half = total / 2;
  const tolerance = 1e-9 * Math.max(1, total);
  let cumulative = 0;
  for (let k = 0; k < n; k++) {
    cumulative += weightAt(k);
    if (Math.abs(cumulative - half) <= tolerance) {
      let next = k + 1;
      while (next < n && !(weightAt(next) > 0)) next++;
      const here = sorted[k] as number;
      return next >= n ? here : (here + (sorted[next] as number)) / 2;
    }
    if (cumulative > half) return sorted[k] as number;
  }
  return sorted[n - 1] as number;
}
