/** A value in a condition: a code or a string. */
export type ConditionValue = number | string;

/** A parsed condition, before printing in the filter language. */
export type ConditionNode =
  | { type: 'cmp'; variable: string; op: '==' | '!=' | '<' | '<=' | '>' | '>='; value: ConditionValue }
  | { type: 'in'; variable: string; values: ConditionValue[] }
  | { type: 'answered'; variable: string }
  | { type: 'and' | 'or'; items: ConditionNode[] }
  | { type: 'not'; item: ConditionNode };

function formatValue(v: ConditionValue): string {
  return typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Prints a condition in the filter language, merging `X == a | X == b` into `X in (a, b)`. Recursion follows the node's (bounded) depth. */
export function printCondition(node: ConditionNode): string {
  switch (node.type) {
    case 'cmp':
      return `${node.variable} ${node.op} ${formatValue(node.value)}`;
    case 'in':
      return node.values.length === 1
        ? `${node.variable} == ${formatValue(node.values[0]!)}`
        : `${node.variable} in (${node.values.map(formatValue).join(', ')})`;
    case 'answered':
      return `answered(${node.variable})`;
    case 'not':
      if (node.item.type === 'cmp' && node.item.op === '==') return `${node.item.variable} != ${formatValue(node.item.value)}`;
      if (node.item.type === 'cmp' && node.item.op === '!=') return `${node.item.variable} == ${formatValue(node.item.value)}`;
      return `!(${printCondition(node.item)})`;
    case 'and':
      return node.items
        .map((i) => {
          const printed = printCondition(i);
          return i.type === 'or' && printed.includes(' | ') ? `(${printed})` : printed;
        })
        .join(' & ');
    case 'or':
      return mergeEqualities(node.items).map(printCondition).join(' | ');
  }
}

/** Equalities on one variable become one `in` list (first position kept, repeated values once), in linear time. */
function mergeEqualities(items: ConditionNode[]): ConditionNode[] {
  const out: ConditionNode[] = [];
  const lists = new Map<string, { values: ConditionValue[]; seen: Set<string> }>();
  const key = (v: ConditionValue) => `${typeof v}:${v}`;
  for (const item of items) {
    const values = item.type === 'in' ? item.values : item.type === 'cmp' && item.op === '==' ? [item.value] : null;
    const variable = item.type === 'in' || item.type === 'cmp' ? item.variable : null;
    if (!values || !variable) {
      out.push(item);
      continue;
    }
    const list = lists.get(variable);
    if (list) {
      for (const v of values) {
        if (list.seen.has(key(v))) continue;
        list.seen.add(key(v));
        list.values.push(v);
      }
    } else {
      const merged = { type: 'in' as const, variable, values: [...values] };
      lists.set(variable, { values: merged.values, seen: new Set(values.map(key)) });
      out.push(merged);
    }
  }
  return out;
}
