import type { FilterNode, FilterValue } from './FilterNode';

/** Render a filter tree back to canonical filter-language text (minimal parentheses, and always around what `!` negates). */
export function formatFilter(node: FilterNode): string {
  return format(node, 0);
}

const PRECEDENCE = { or: 1, and: 2 } as const;

function format(node: FilterNode, parent: number): string {
  switch (node.type) {
    case 'or':
    case 'and': {
      const own = PRECEDENCE[node.type];
      const text = node.children.map((c) => format(c, own)).join(node.type === 'or' ? ' | ' : ' & ');
      return own < parent ? `(${text})` : text;
    }
    case 'not':
      return `!(${format(node.child, 0)})`;
    case 'compare':
      return `${node.variable} ${node.op} ${formatValue(node.value)}`;
    case 'in':
      return `${node.variable} in (${node.values.map(formatValue).join(', ')})`;
    case 'answered':
      return `answered(${node.variable})`;
    case 'true':
      return 'TRUE';
  }
}

function formatValue(value: FilterValue): string {
  return typeof value === 'number' ? String(value) : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
