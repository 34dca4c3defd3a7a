import { FilterSyntaxError, FilterTypeError, UnknownVariableError } from './FilterErrors';

/** Longest expression quoted whole in a message; a longer one (a generated megabyte `in` list) is cut, its length noted. */
const QUOTED_MAX = 200;

/** One human-readable line explaining why a filter expression was rejected (pointing at the error for syntax errors). */
export function describeFilterError(err: unknown): string {
  if (err instanceof FilterSyntaxError) {
    return `Invalid filter "${quoted(err.expression)}": ${err.message} (${pointAt(err.expression, err.position)})`;
  }
  if (err instanceof UnknownVariableError) {
    return `Filter "${quoted(err.expression)}" names ${err.message.charAt(0).toLowerCase()}${err.message.slice(1)}`;
  }
  if (err instanceof FilterTypeError) return `Filter "${quoted(err.expression)}": ${err.message}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

function quoted(expression: string): string {
  return expression.length <= QUOTED_MAX ? expression : `${expression.slice(0, QUOTED_MAX)}… (${expression.length} characters)`;
}

function pointAt(expression: string, position: number): string {
  const before = expression.slice(Math.max(0, position - 10), position);
  const after = expression.slice(position, position + 10);
  return `near "${before}⟨here⟩${after}"`;
}
