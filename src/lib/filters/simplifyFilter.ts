import type { FilterNode, FilterValue } from './FilterNode';

/**
 * The same condition in its plainest form: nested and/or lists flattened, equalities on one variable inside an or-list
 * merged into one `in` list (first position kept, repeated values once), a one-value `in` as `==`, `!(X == a)` as
 * `X != a` and `!(X != a)` as `X == a`. formatFilter prints the result so that parseFilter reads back the same tree.
 * Linear in the tree's size; recursion follows its depth, which parseFilter bounds.
 */
export function simplifyFilter(node: FilterNode): FilterNode {
  switch (node.type) {
    case 'in':
      return equalityIfOneValue(node);
    case 'not': {
      const child = simplifyFilter(node.child);
      if (child.type === 'compare' && (child.op === '==' || child.op === '!=')) return { ...child, op: child.op === '==' ? '!=' : '==' };
      return { type: 'not', child };
    }
    case 'and':
      return list('and', flatten('and', node.children));
    case 'or':
      return list('or', mergeEqualities(flatten('or', node.children)).map(equalityIfOneValue));
    default:
      return node;
  }
}

/** A one-value `in` list as `==`; any other node unchanged. */
function equalityIfOneValue(node: FilterNode): FilterNode {
  return node.type === 'in' && node.values.length === 1 ? { type: 'compare', variable: node.variable, op: '==', value: node.values[0]! } : node;
}

/** The simplified children, with those of the same list type spliced in. */
function flatten(type: 'and' | 'or', children: readonly FilterNode[]): FilterNode[] {
  const out: FilterNode[] = [];
  for (const child of children.map(simplifyFilter)) {
    if (child.type === type) out.push(...child.children);
    else out.push(child);
  }
  return out;
}

function list(type: 'and' | 'or', children: FilterNode[]): FilterNode {
  return children.length === 1 ? children[0]! : { type, children };
}

/** Equalities and `in` lists on one variable become one `in` list at the first one's position, in linear time. */
function mergeEqualities(items: readonly FilterNode[]): FilterNode[] {
  const out: FilterNode[] = [];
  const lists = new Map<string, { values: FilterValue[]; seen: Set<string> }>();
  const key = (v: FilterValue) => `${typeof v}:${v}`;
  for (const item of items) {
    const values = item.type === 'in' ? item.values : item.type === 'compare' && item.op === '==' ? [item.value] : null;
    if (!values || (item.type !== 'in' && item.type !== 'compare')) {
      out.push(item);
      continue;
    }
    const list = lists.get(item.variable);
    if (list) {
      for (const v of values) {
        if (list.seen.has(key(v))) continue;
        list.seen.add(key(v));
        list.values.push(v);
      }
    } else {
      const merged = { type: 'in' as const, variable: item.variable, values: [...values] };
      lists.set(item.variable, { values: merged.values, seen: new Set(values.map(key)) });
      out.push(merged);
    }
  }
  return out;
}
