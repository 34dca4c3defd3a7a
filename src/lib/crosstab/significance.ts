/** Two-sided critical z at 95% confidence. */
export const Z_CRITICAL_95 = 1.959963984540054;

/** Kish effective sample size (Σw)² / Σw², equal to the count for unweighted data. */
export function effectiveBase(sumWeights: number, sumSquaredWeights: number): number {
  return sumSquaredWeights > 0 ? (sumWeights * sumWeights) / sumSquaredWeights : 0;
}

/**
 * Pooled two-proportion z statistic for p1 vs p2 with (effective) bases n1, n2;
 * null when either base is below 2 or the pooled proportion is 0 or 1 (no variance to test).
 */
export function twoProportionZ(p1: number, n1: number, p2: number, n2: number): number | null {
  if (n1 < 2 || n2 < 2) return null;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return null;
  return (p1 - p2) / Math.sqrt(variance);
}

/**
 * For every column of one banner group, the letters of the group's columns it is significantly higher than (95%).
 * `proportions[i]` is null when column i has no base.
 */
export function significanceLetters(proportions: Array<number | null>, effectiveBases: number[], letters: string[]): string[][] {
  return proportions.map((p1, i) => {
    const higherThan: string[] = [];
    if (p1 === null) return higherThan;
    proportions.forEach((p2, j) => {
      if (j === i || p2 === null) return;
      const z = twoProportionZ(p1, effectiveBases[i] ?? 0, p2, effectiveBases[j] ?? 0);
      if (z !== null && z > Z_CRITICAL_95) higherThan.push(letters[j] ?? '');
    });
    return higherThan;
  });
}
