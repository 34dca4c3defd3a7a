import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { compileFilterNode, describeFilterError, variablesOfNode, type FilterNode } from '@/lib/filters';
import type { SavVariable } from '@/lib/core/types';
import type { Code } from './variablePoints';
import { singleCase } from '@/lib/core/CaseTable';

/** The part of a filter on one variable (or on the members of one category set, read through its first member). */
export interface VariableCondition {
  variable: VariableSummary;
  nodes: FilterNode[];
}

/** A filter read back as conditions on single variables that must all hold; `everyone` for TRUE. */
export type FilterParts = { everyone: true } | { everyone: false; parts: VariableCondition[] } | { problem: string };

/** The dictionary entry the filter language compiles against, from a variable summary. */
export function asSavVariable(v: VariableSummary): SavVariable {
  return { name: v.name, label: v.label, type: v.type, missing: { values: [...v.missingValues] }, valueLabels: v.valueLabels.map((vl) => ({ ...vl })) };
}

/**
 * Splits a filter into the conditions it puts on each variable: an and-list whose items each name one variable (or one
 * category set, the same codes on every member). Any other combination of variables cannot be read back per variable.
 */
export function filterParts(tree: FilterNode, variables: readonly VariableSummary[]): FilterParts {
  if (tree.type === 'true') return { everyone: true };
  const byName = new Map(variables.map((v) => [v.name.toLowerCase(), v]));
  const groups = new Map<string, VariableCondition>();
  for (const item of tree.type === 'and' ? tree.children : [tree]) {
    if (item.type === 'true') continue;
    const names = variablesOfNode(item);
    const members = names.map((n) => byName.get(n.toLowerCase()));
    if (members.some((m) => m === undefined) || members.length === 0) return { problem: `the filter uses ${names.join(', ')}, not all in the data` };
    const first = members[0]!;
    if (members.length > 1 && !sameCategorySet(item, members as VariableSummary[])) {
      return { problem: `the filter joins ${names.join(', ')} in one condition, which cannot be read back against the words` };
    }
    const key = members.length > 1 ? `set:${first.set!.name}` : first.name.toLowerCase();
    const node = members.length > 1 ? firstMemberPart(item, first.name) : item;
    const group = groups.get(key);
    if (group) group.nodes.push(node);
    else groups.set(key, { variable: first, nodes: [node] });
  }
  return { everyone: false, parts: [...groups.values()] };
}

/** True for "any member of one category set holds these codes": an or-list of the same condition on each member. */
function sameCategorySet(item: FilterNode, members: readonly VariableSummary[]): boolean {
  const set = members[0]!.set;
  if (set?.type !== 'category' || !members.every((m) => m.set?.name === set.name) || item.type !== 'or') return false;
  const shape = (n: FilterNode) => JSON.stringify({ ...n, variable: undefined });
  const perMember = new Map<string, string[]>();
  for (const child of item.children) {
    if (child.type !== 'compare' && child.type !== 'in') return false;
    const list = perMember.get(child.variable.toLowerCase()) ?? [];
    list.push(shape(child));
    perMember.set(child.variable.toLowerCase(), list);
  }
  const shapes = [...perMember.values()].map((l) => l.sort().join('|'));
  return perMember.size === members.length && shapes.every((s) => s === shapes[0]);
}

/** The or-list's items on one member (the same for every member of a category set). */
function firstMemberPart(item: FilterNode, member: string): FilterNode {
  if (item.type !== 'or') return item;
  const own = item.children.filter((c) => (c.type === 'compare' || c.type === 'in') && c.variable.toLowerCase() === member.toLowerCase());
  return own.length === 1 ? own[0]! : { type: 'or', children: own };
}

/** The numbers a condition compares its variable with (to place test values around them). */
export function constantsOf(nodes: readonly FilterNode[]): number[] {
  const out: number[] = [];
  const visit = (n: FilterNode): void => {
    if (n.type === 'compare' && typeof n.value === 'number') {
      out.push(n.value);
    } else if (n.type === 'in') {
      for (const x of n.values) if (typeof x === 'number') out.push(x);
    } else if (n.type === 'and' || n.type === 'or') {
      n.children.forEach(visit);
    } else if (n.type === 'not') {
      visit(n.child);
    }
  };
  nodes.forEach(visit);
  return out;
}

/** Which of `values` the condition selects (a respondent holding that value and nothing else); a problem when it does not compile. */
export function selectedValues(condition: VariableCondition, values: readonly Code[]): { selected: Set<Code> } | { problem: string } {
  const sav = asSavVariable(condition.variable);
  try {
    const predicates = condition.nodes.map((n) => compileFilterNode(n, [sav], condition.variable.name));
    const selected = new Set<Code>();
    for (const value of values) if (predicates.every((p) => p(singleCase([value]), 0))) selected.add(value);
    return { selected };
  } catch (err) {
    return { problem: `the filter does not compile: ${describeFilterError(err)}` };
  }
}

/** True when the condition selects a respondent who did not answer the variable (system-missing). */
export function selectsUnanswered(condition: VariableCondition): boolean {
  const sav = asSavVariable(condition.variable);
  try {
    return condition.nodes.map((n) => compileFilterNode(n, [sav], condition.variable.name)).every((p) => p(singleCase([null]), 0));
  } catch {
    return false;
  }
}
