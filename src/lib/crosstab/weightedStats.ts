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
 */
export function weightedSummary(values: number[], weights: number[]): WeightedSummary {
  let total = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  values.forEach((x, i) => {
    const w = weights[i] ?? 0;
    total += w;
    sum += w * x;
    if (x < min) min = x;
    if (x > max) max = x;
  });
  if (values.length === 0 || total <= 0) return { mean: null, median: null, stdDev: null, min: null, max: null };
  const mean = sum / total;
  let squares = 0;
  values.forEach((x, i) => {
    squares += (weights[i] ?? 0) * (x - mean) ** 2;
  });
  const stdDev = total > 1 ? Math.sqrt(squares / (total - 1)) : null;
  return { mean, median: weightedMedian(values, weights, total), stdDev, min, max };
}

function weightedMedian(values: number[], weights: number[], total: number): number {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const half = total / 2;
  const tolerance = 1e-9 * Math.max(1, total);
  let cumulative = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    cumulative += weights[i] ?? 0;
    if (Math.abs(cumulative - half) <= tolerance) {
      const nextIndex = order.slice(k + 1).find((j) => (weights[j] ?? 0) > 0);
      const here = values[i] as number;
      return nextIndex === undefined ? here : (here + (values[nextIndex] as number)) / 2;
    }
    if (cumulative > half) return values[i] as number;
  }
  return values[order[order.length - 1] as number] as number;
}
