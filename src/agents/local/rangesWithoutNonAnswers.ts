import type { FilterNode } from '@/lib/filters';
import { isNonAnswerLabel } from '@/lib/core/nonAnswerLabel';
import type { VariableIndex } from './variableIndex';

const RANGE_OPS = new Set(['<', '<=', '>', '>=']);

/**
 * The condition with its ranges ("Q2 is 7 or higher", "age >= 65") kept off the codes its variables label as non-answers
 * ("Don't know" 99, "Refused" 999) that would fall inside them: a range never takes in a non-answer unless it names it.
 * Codes declared missing need nothing (no comparison selects them).
 */
export function rangesWithoutNonAnswers(node: FilterNode, index: VariableIndex): FilterNode {
  switch (node.type) {
    case 'and':
    case 'or':
      return { type: node.type, children: node.children.map((c) => rangesWithoutNonAnswers(c, index)) };
    case 'not':
      return { type: 'not', child: rangesWithoutNonAnswers(node.child, index) };
    case 'compare': {
      if (!RANGE_OPS.has(node.op) || typeof node.value !== 'number') return node;
      const v = index.get(node.variable);
      const value = node.value;
      const inside = (c: number) => (node.op === '<' ? c < value : node.op === '<=' ? c <= value : node.op === '>' ? c > value : c >= value);
      const excluded = (v?.valueLabels ?? [])
        .filter((vl) => typeof vl.value === 'number' && isNonAnswerLabel(vl.label) && !v!.missingValues.includes(vl.value) && inside(vl.value))
        .map((vl): FilterNode => ({ type: 'compare', variable: node.variable, op: '!=', value: vl.value }));
      return excluded.length === 0 ? node : { type: 'and', children: [node, ...excluded] };
    }
    default:
      return node;
  }
}
