import { missingChecker } from '@/lib/core/missingChecker';
import type { CaseTable } from '@/lib/core/CaseTable';
import type { SavVariable } from '@/lib/core/types';
import { FilterTypeError, UnknownVariableError } from './FilterErrors';
import type { FilterNode, FilterOperator, FilterValue } from './FilterNode';
import { variablesOfNode } from './filterVariables';
import { parseFilter } from './parseFilter';

/** A compiled filter: true when case `r` of `cases` matches. */
export type RowPredicate = (cases: CaseTable, r: number) => boolean;

/**
 * Compile a filter expression against a dictionary into a fast row predicate.
 * Comparisons on missing values (system- or user-missing) are false; `answered(X)` is true when X is not missing.
 * Throws FilterSyntaxError, UnknownVariableError (listing every unknown name) or FilterTypeError.
 */
export function compileFilter(text: string, variables: SavVariable[]): RowPredicate {
  return compileFilterNode(parseFilter(text), variables, text);
}

/** Compile an already parsed filter tree (see compileFilter). */
export function compileFilterNode(tree: FilterNode, variables: SavVariable[], text: string): RowPredicate {
  const byName = new Map<string, { index: number; variable: SavVariable }>();
  variables.forEach((variable, index) => {
    const key = variable.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, { index, variable });
  });
  const unknown = variablesOfNode(tree).filter((name) => !byName.has(name.toLowerCase()));
  if (unknown.length > 0) throw new UnknownVariableError(unknown, text);

  const lookup = (name: string) => byName.get(name.toLowerCase()) as { index: number; variable: SavVariable };

  const build = (node: FilterNode): RowPredicate => {
    switch (node.type) {
      case 'true':
        return () => true;
      case 'not': {
        const inner = build(node.child);
        return (cases, r) => !inner(cases, r);
      }
      case 'and': {
        const parts = node.children.map(build);
        return (cases, r) => parts.every((p) => p(cases, r));
      }
      case 'or': {
        const parts = node.children.map(build);
        return (cases, r) => parts.some((p) => p(cases, r));
      }
      case 'answered': {
        const { index, variable } = lookup(node.variable);
        const isMissing = missingChecker(variable);
        return (cases, r) => !isMissing(cases.value(index, r));
      }
      case 'compare': {
        const { index, variable } = lookup(node.variable);
        const isMissing = missingChecker(variable);
        const test = comparator(node.op, coerce(node.value, variable, text));
        return (cases, r) => {
          const value = cases.value(index, r);
          return !isMissing(value) && test(normalise(value as number | string));
        };
      }
      case 'in': {
        const { index, variable } = lookup(node.variable);
        const isMissing = missingChecker(variable);
        const accepted = new Set(node.values.map((v) => coerce(v, variable, text)));
        return (cases, r) => {
          const value = cases.value(index, r);
          return !isMissing(value) && accepted.has(normalise(value as number | string));
        };
      }
    }
  };
  return build(tree);
}

/** String cells are compared without SPSS's trailing padding. */
function normalise(value: number | string): number | string {
  return typeof value === 'string' ? value.trimEnd() : value;
}

function coerce(value: FilterValue, variable: SavVariable, text: string): number | string {
  if (variable.type === 'string') return typeof value === 'string' ? value.trimEnd() : String(value);
  if (typeof value === 'number') return value;
  const asNumber = Number(value);
  if (value.trim() === '' || !Number.isFinite(asNumber)) {
    throw new FilterTypeError(`Variable ${variable.name} is numeric but is compared with the text "${value}"`, variable.name, text);
  }
  return asNumber;
}

function comparator(op: FilterOperator, target: number | string): (value: number | string) => boolean {
  const cmp = (value: number | string): number | null => {
    if (typeof value !== typeof target) return null;
    return value < target ? -1 : value > target ? 1 : 0;
  };
  switch (op) {
    case '==':
      return (v) => cmp(v) === 0;
    case '!=':
      return (v) => {
        const c = cmp(v);
        return c !== null && c !== 0;
      };
    case '<':
      return (v) => cmp(v) === -1;
    case '<=':
      return (v) => {
        const c = cmp(v);
        return c === -1 || c === 0;
      };
    case '>':
      return (v) => cmp(v) === 1;
    case '>=':
      return (v) => {
        const c = cmp(v);
        return c === 1 || c === 0;
      };
  }
}
