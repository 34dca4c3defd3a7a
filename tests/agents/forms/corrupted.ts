import type { FormCase } from './scenarios';

/**
 * An expression a careless model might write for a case: the right values with one left out (a range read as one of
 * its points), one added (a range taking in a non-answer code) or a bound one step off. The values it selects always
 * differ from the right ones (an added code is never one declared missing, which no filter can select).
 */
export function corruptedExpression(c: FormCase, declaredMissing: ReadonlySet<number>): string {
  const name = c.target.name;
  const right = c.values.filter(c.expected);
  const t = c.target;
  if (t.type === 'number') {
    const low = Math.min(...right);
    const high = Math.max(...right);
    if (low > t.low - 1) return [`${name} >= ${low + 1}`, ...(high < t.high + 1 ? [`${name} <= ${high}`] : [])].join(' & ');
    return `${name} <= ${high - 1}`;
  }
  if (right.length > 1) return `${name} in (${right.slice(0, -1).join(', ')})`;
  // One too many: a non-answer code when there is one, else another code.
  const others = c.values.filter((x) => !c.expected(x) && !declaredMissing.has(x));
  const extra = others.find((x) => x < 0 || x > 90) ?? others[0];
  return extra === undefined ? `${name} != ${right[0]}` : `${name} in (${[...right, extra].join(', ')})`;
}
