import { compileFilterNode, describeFilterError, formatFilter, narrowedBaseLabel, parseFilter, type FilterNode } from '@/lib/filters';
import { notAskedCodes } from '@/lib/core/notAskedCodes';
import type { SavVariable, SkipRule, TableDefinition } from '@/lib/core/types';

/** A base taken from the data's own "Not asked" codes, for a question no routing rule was applied to. */
export interface InferredBase {
  tableId: string;
  questionId: string;
  variable: string;
  /** The codes left out of the base, with their labels. */
  codes: Array<{ value: number | string; label: string }>;
  baseFilter: string;
}

/** Result of applying skip rules as table bases. */
export interface BaseFilterResult {
  tables: TableDefinition[];
  /** Number of rules applied to at least one table. */
  applied: number;
  /** Rules not applied, each with a message naming the questions and the routing text it could not use. */
  rejected: Array<{ ruleId: string; reason: string }>;
  /** Tables whose base leaves out their "Not asked" codes because no rule was applied to them. */
  inferred: InferredBase[];
}

/**
 * Deterministic stage: turn translated skip rules into table base filters.
 * Each valid rule is AND-combined with the table's existing base; invalid rules are rejected with a reason, never thrown.
 * A single-variable table no rule was applied to, whose variable labels codes "Not asked" (not declared missing), gets
 * the base the data itself states: those codes left out (see `inferred`).
 */
export function applyBaseFilters(tables: TableDefinition[], rules: SkipRule[], variables: SavVariable[]): BaseFilterResult {
  const result = tables.map((t) => ({ ...t }));
  const rejected: BaseFilterResult['rejected'] = [];
  const routed = new Set<TableDefinition>();
  const unread: Array<{ questions: Set<string>; note: string }> = [];
  let applied = 0;
  for (const rule of rules) {
    const expression = rule.expression?.trim();
    const questions = rule.appliesTo.join(', ') || 'no questions';
    if (!expression) {
      rejected.push({
        ruleId: rule.id,
        reason: `Routing of ${questions} not read: "${rule.conditionText}" (${rule.reason ?? 'no filter expression'}); the base stays as it was`,
      });
      unread.push(unreadRouting(rule));
      continue;
    }
    let tree: FilterNode;
    try {
      tree = parseFilter(expression);
      compileFilterNode(tree, variables, expression);
    } catch (err) {
      rejected.push({ ruleId: rule.id, reason: `Routing of ${questions} not applied: "${rule.conditionText}" → ${describeFilterError(err)}` });
      unread.push(unreadRouting(rule));
      continue;
    }
    const targets = new Set(rule.appliesTo.map((id) => id.toLowerCase()));
    const matching = result.filter((t) => targets.has(t.questionId.toLowerCase()));
    if (matching.length === 0) {
      rejected.push({ ruleId: rule.id, reason: `Routing "${rule.conditionText}" applies to no table (${questions})` });
      continue;
    }
    let appliedHere = 0;
    for (const table of matching) {
      try {
        const combined = combine(table.baseFilter, tree);
        table.baseFilter = combined;
        table.baseLabel = narrowedBaseLabel(`Asked if ${combined}`, table.baseLabel);
        routed.add(table);
        appliedHere++;
      } catch (err) {
        rejected.push({ ruleId: rule.id, reason: `Table ${table.id} has an invalid base: ${describeFilterError(err)}` });
      }
    }
    if (appliedHere > 0) applied++;
  }
  const inferred = result.flatMap((table) => (routed.has(table) ? [] : inferBase(table, variables)));
  for (const table of result) markUnreadRouting(table, unread);
  return { tables: result, applied, rejected, inferred };
}

function unreadRouting(rule: SkipRule): { questions: Set<string>; note: string } {
  return {
    questions: new Set(rule.appliesTo.map((id) => id.toLowerCase())),
    note: `Routing not read: "${rule.conditionText}"; this base is not narrowed by it`,
  };
}

/**
 * A table whose routing could not be read says so itself, in its base label and a note, not only in the run's
 * warnings: its base is wider than the questionnaire's, and whoever reads the table (or the workbook) must see that.
 */
function markUnreadRouting(table: TableDefinition, unread: ReadonlyArray<{ questions: Set<string>; note: string }>): void {
  const notes = unread.filter((u) => u.questions.has(table.questionId.toLowerCase())).map((u) => u.note);
  if (notes.length === 0) return;
  table.baseLabel = `${table.baseLabel} (routing not read: see notes)`;
  table.notes = [...new Set([...table.notes, ...notes])];
}

/** Leaves a table's "Not asked" codes out of its base (the table is updated); none when its variable has none. */
function inferBase(table: TableDefinition, variables: SavVariable[]): InferredBase[] {
  if (table.kind !== 'single' || table.variables.length !== 1) return [];
  const name = table.variables[0]!.toLowerCase();
  const variable = variables.find((v) => v.name.toLowerCase() === name);
  const codes = variable ? notAskedCodes(variable) : [];
  if (!variable || codes.length === 0) return [];
  const values = codes.map((c) => c.value);
  const asked: FilterNode =
    values.length === 1
      ? { type: 'compare', variable: variable.name, op: '!=', value: values[0]! }
      : { type: 'not', child: { type: 'in', variable: variable.name, values } };
  const combined = combine(table.baseFilter, asked);
  table.baseFilter = combined;
  table.baseLabel = narrowedBaseLabel(`Asked (not coded ${codes.map((c) => `"${c.label}"`).join(' or ')})`, table.baseLabel);
  return [{ tableId: table.id, questionId: table.questionId, variable: variable.name, codes, baseFilter: combined }];
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
