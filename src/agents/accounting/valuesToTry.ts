import type { Code, VariablePoints } from './variablePoints';

/** Far below and above any code a survey uses. */
const FAR = 1e9;

/**
 * The values to evaluate a condition on: every code of a coded variable, plus the numbers named or compared with; for a
 * continuous number, each number named or compared with and the values just below, between and above it (a condition
 * and the words can only disagree somewhere around a number one of them states).
 */
export function valuesToTry(points: VariablePoints, numbers: readonly number[]): Code[] {
  const finite = numbers.filter(Number.isFinite);
  if (points.reading !== 'continuous') return [...new Set<Code>([...points.codes, ...finite])];
  const out = new Set<Code>([-FAR, 0, FAR, ...points.variable.missingValues]);
  for (const n of finite) for (const d of [-1, -0.5, 0, 0.5, 1]) out.add(n + d);
  return [...out].sort((a, b) => Number(a) - Number(b));
}
