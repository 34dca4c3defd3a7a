import { compileFilterNode, describeFilterError, formatFilter, parseFilter, type FilterNode } from '@/lib/filters';
import type { SavVariable, SkipRule, TableDefinition } from '@/lib/core/types';

/** Result of applying skip rules as table bases. */
export interface BaseFilterResult {
  tables: TableDefinition[];
  /** Number of rules applied to at least one table. */
  applied: number;
  rejected: Array<{ ruleId: string; reason: string }>;
}

/**
 * Deterministic stage: turn translated skip rules into table base filters.
 * Each valid rule is AND-combined with the table's existing base; invalid rules are rejected with a reason, never thrown.
 */
export function applyBaseFilters(
  tables: TableDefinition[],
  rules: SkipRule[],
  variables: SavVariable[],
): BaseFilterResult {
  const result = tables.map((t) => ({ ...t }));
  const rejected: BaseFilterResult['rejected'] = [];
  let applied = 0;
  for (const rule of rules) {
    const expression = rule.expression?.trim();
    if (!expression) {
      rejected.push({ ruleId: rule.id, reason: `No filter expression for "${rule.conditionText}"` });
      continue;
    }
    let tree: FilterNode;
    try {
      tree = parseFilter(expression);
      compileFilterNode(tree, variables, expression);
    } catch (err) {
      rejected.push({ ruleId: rule.id, reason: describeFilterError(err) });
      continue;
    }
    const targets = new Set(rule.appliesTo.map((id) => id.toLowerCase()));
    const matching = result.filter((t) => targets.has(t.questionId.toLowerCase()));
    if (matching.length === 0) {
      rejected.push({ ruleId: rule.id, reason: `Applies to no table (${rule.appliesTo.join(', ') || 'no questions'})` });
      continue;
    }
    let appliedHere = 0;
    for (const table of matching) {
      try {
        const combined = combine(table.baseFilter, tree);
        table.baseFilter = combined;
        table.baseLabel = `Asked if ${combined}`;
        appliedHere++;
      } catch (err) {
        rejected.push({ ruleId: rule.id, reason: `Table ${table.id} has an invalid base: ${describeFilterError(err)}` });
      }
    }
    if (appliedHere > 0) applied++;
  }
  return { tables: result, applied, rejected };
}

function combine(existing: string | undefined, added: FilterNode): string {
  const addedText = formatFilter(added);
  if (!existing?.trim()) return addedText;
  const current = parseFilter(existing);
  const currentText = formatFilter(current);
  if (currentText === addedText) return currentText;
  const parts = (node: FilterNode): FilterNode[] => (node.type === 'and' ? node.children : [node]);
  const known = new Set(parts(current).map(formatFilter));
  const fresh = parts(added).filter((p) => !known.has(formatFilter(p)));
  if (fresh.length === 0) return currentText;
  return formatFilter({ type: 'and', children: [...parts(current), ...fresh] });
}
