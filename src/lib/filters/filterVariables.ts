import { FilterSyntaxError } from './FilterErrors';
import type { FilterNode } from './FilterNode';
import { parseFilter } from './parseFilter';

/** Variable names referenced by a filter expression, distinct (case-insensitively), in order of appearance. */
export function filterVariables(text: string): string[] {
  return variablesOfNode(parseFilter(text));
}

/** Variable names referenced by a filter expression (as filterVariables), or null when the text is not valid filter syntax. */
export function tryFilterVariables(text: string): string[] | null {
  try {
    return filterVariables(text);
  } catch (err) {
    if (err instanceof FilterSyntaxError) return null;
    throw err;
  }
}

/** Variable names referenced by a parsed filter tree, distinct (case-insensitively), in order of appearance. */
export function variablesOfNode(node: FilterNode): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  const visit = (n: FilterNode): void => {
    switch (n.type) {
      case 'or':
      case 'and':
        n.children.forEach(visit);
        return;
      case 'not':
        visit(n.child);
        return;
      case 'true':
        return;
      default:
        if (!seen.has(n.variable.toLowerCase())) {
          seen.add(n.variable.toLowerCase());
          names.push(n.variable);
        }
    }
  };
  visit(node);
  return names;
}
