import { FilterSyntaxError, FilterTypeError, UnknownVariableError } from './FilterErrors';

/** One human-readable line explaining why a filter expression was rejected (pointing at the error for syntax errors). */
export function describeFilterError(err: unknown): string {
  if (err instanceof FilterSyntaxError) {
    return `Invalid filter "${err.expression}": ${err.message} (${pointAt(err.expression, err.position)})`;
  }
  if (err instanceof UnknownVariableError) {
    return `Filter "${err.expression}" names ${err.message.charAt(0).toLowerCase()}${err.message.slice(1)}`;
  }
  if (err instanceof FilterTypeError) return `Filter "${err.expression}": ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

function pointAt(expression: string, position: number): string {
  const before = expression.slice(Math.max(0, position - 10), position);
  const after = expression.slice(position, position + 10);
  return `near "${before}⟨here⟩${after}"`;
}
