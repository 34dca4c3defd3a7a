import type { VariableSummary } from '@/agents/dataMapExcerpt';
import { compileFilterNode, formatFilter, simplifyFilter, variablesOfNode, type FilterNode } from '@/lib/filters';
import { missingChecker } from '@/lib/core/missingChecker';
import type { CellValue } from '@/lib/core/types';
import { asSavVariable, constantsOf } from './filterSelection';
import { valuesToTry } from './valuesToTry';
import { variablePoints, type Code } from './variablePoints';
import { singleCase } from '@/lib/core/CaseTable';

/** Most combinations of values tried; beyond it the two conditions must be written the same. */
const MAX_COMBINATIONS = 4096;

/**
 * Problems when a filter does not select exactly whom a condition written in the text selects (for a jump, `negated`:
 * those who answered and do not meet it), tried on every combination of the variables' codes; and when the condition
 * names a code declared missing, which no respondent can be selected by.
 */
export function compareWithCondition(filter: FilterNode, condition: FilterNode, negated: boolean, variables: readonly VariableSummary[]): string[] {
  const byName = new Map(variables.map((v) => [v.name.toLowerCase(), v]));
  const names = [...new Set([...variablesOfNode(filter), ...variablesOfNode(condition)].map((n) => n.toLowerCase()))];
  const used = names.map((n) => byName.get(n)).filter((v): v is VariableSummary => v !== undefined);
  if (used.length !== names.length) return ['the filter or the condition uses a variable not shown'];
  const problems = missingCodesNamed(condition, used);
  const constants = [...constantsOf([filter]), ...constantsOf([condition])];
  const axes = used.map((v) => valuesToTry(variablePoints(v), constants));
  const combinations = axes.reduce((n, a) => n * Math.max(1, a.length), 1);
  if (combinations > MAX_COMBINATIONS) {
    const same = formatFilter(simplifyFilter(filter)) === formatFilter(simplifyFilter(negated ? { type: 'not', child: condition } : condition));
    return same ? problems : [...problems, `the filter cannot be confirmed to select what "${formatFilter(condition)}" states`];
  }
  const savs = used.map(asSavVariable);
  const selects = compileFilterNode(filter, savs, 'filter');
  const states = compileFilterNode(condition, savs, 'condition');
  const conditionVars = new Set(variablesOfNode(condition).map((n) => n.toLowerCase()));
  const answered = used.map((v, i) => ({ i, missing: missingChecker(savs[i]!), inCondition: conditionVars.has(v.name.toLowerCase()) }));
  const row: CellValue[] = used.map(() => null);
  const theCase = singleCase(row);
  const visit = (k: number): string | null => {
    if (k === used.length) {
      const asked = answered.every((a) => !a.inCondition || !a.missing(row[a.i] ?? null));
      const wanted = negated ? asked && !states(theCase, 0) : states(theCase, 0);
      if (wanted === selects(theCase, 0)) return null;
      const where = used.map((v, i) => `${v.name} = ${String(row[i])}`).join(', ');
      return `for ${where} the words ${wanted ? 'select' : 'leave out'} the respondent but the filter ${wanted ? 'leaves them out' : 'selects them'}`;
    }
    for (const value of axes[k]!) {
      row[k] = value as Code;
      const found = visit(k + 1);
      if (found) return found;
    }
    return null;
  };
  const mismatch = visit(0);
  return mismatch ? [...problems, mismatch] : problems;
}

/** "Q5 = 99" where 99 is declared missing: comparisons on missing codes select no one. */
function missingCodesNamed(condition: FilterNode, used: readonly VariableSummary[]): string[] {
  const out: string[] = [];
  const visit = (n: FilterNode): void => {
    if (n.type === 'and' || n.type === 'or') n.children.forEach(visit);
    else if (n.type === 'not') visit(n.child);
    else if (n.type === 'compare' || n.type === 'in') {
      const v = used.find((u) => u.name.toLowerCase() === n.variable.toLowerCase());
      const values = n.type === 'in' ? n.values : n.op === '==' ? [n.value] : [];
      for (const x of values) {
        if (v?.missingValues.some((m) => String(m) === String(x))) out.push(`${x} is declared missing in ${v.name}: no respondent is selected by it`);
      }
    }
  };
  visit(condition);
  return out;
}
