const KEYWORDS = new Set(['in', 'answered', 'true']);

/** Variable names an expression in the filter language refers to (string literals and keywords excluded). */
export function expressionVariables(expression: string): string[] {
  const withoutStrings = expression.replace(/"(?:[^"\\]|\\.)*"/g, ' ');
  const names = withoutStrings.match(/[A-Za-z_][A-Za-z0-9_.]*/g) ?? [];
  return [...new Set(names.filter((n) => !KEYWORDS.has(n.toLowerCase())))];
}
