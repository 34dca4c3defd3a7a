import { runCrosstabAgent, runFilterTranslatorAgent } from '@/agents';
import { compileFilter } from '@/lib/filters';
import type { Banner, CellValue, SavVariable } from '@/lib/core/types';
import type { FormCase, Scenario } from './scenarios';
import { singleCase } from '@/lib/core/CaseTable';

/** What became of a case: mapped to exactly the right values, left out with a warning, or mapped to the wrong values. */
export type Outcome = 'right' | 'dropped' | 'wrong';

/** One case's outcome, with the expression kept (if any) and the warning given (if any). */
export interface CaseResult {
  case: FormCase;
  outcome: Outcome;
  expression?: string;
  warning?: string;
}

/**
 * Runs every scenario through the agents with whatever model is set (the local one, or a scripted one): its columns as
 * one banner group through CrosstabAgent (with its survey document), its rules through FilterTranslatorAgent; then
 * judges each case by evaluating the kept expression on every value its variable can hold.
 */
export async function runScenarios(scenarios: readonly Scenario[]): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const s of scenarios) {
    const dictionary: SavVariable[] = s.dataMap.variables.map((v) => ({
      name: v.name,
      label: v.label,
      type: v.type,
      missing: { values: [...v.missingValues] },
      valueLabels: v.valueLabels.map((vl) => ({ ...vl })),
    }));
    if (s.columns.length > 0) {
      const banner: Banner = {
        origin: 'plan',
        groups: [{ id: 'g', label: s.group, columns: s.columns.map((c) => ({ id: c.id, label: c.text, source: c.text, expression: '', confidence: 0 })) }],
      };
      const { banner: mapped, warnings } = await runCrosstabAgent(banner, s.dataMap, { surveyText: s.surveyText });
      const kept = new Map(mapped.groups.flatMap((g) => g.columns.map((c) => [c.id, c.expression] as const)));
      for (const c of s.columns) {
        const expression = kept.get(c.id);
        const warning = warnings.find((w) => w.startsWith(`Banner column "${c.text}"`));
        results.push(judge(c, expression, warning, dictionary));
      }
    }
    if (s.rules.length > 0) {
      const rules = await runFilterTranslatorAgent(
        s.rules.map((c) => ({ id: c.id, appliesTo: ['QX'], conditionText: c.text })),
        s.dataMap,
      );
      s.rules.forEach((c, i) => results.push(judge(c, rules[i]?.expression, rules[i]?.reason, dictionary)));
    }
  }
  return results;
}

function judge(c: FormCase, expression: string | undefined, warning: string | undefined, dictionary: SavVariable[]): CaseResult {
  if (expression === undefined || expression.trim() === '') return { case: c, outcome: warning ? 'dropped' : 'wrong', ...(warning ? { warning } : {}) };
  if (c.mustDrop) return { case: c, outcome: 'wrong', expression };
  return { case: c, outcome: selectsExactly(c, expression, dictionary) ? 'right' : 'wrong', expression };
}

/** True when the expression selects exactly the expected values of the case's variable (and no one who did not answer it). */
export function selectsExactly(c: FormCase, expression: string, dictionary: SavVariable[]): boolean {
  let compiled: ReturnType<typeof compileFilter>;
  try {
    compiled = compileFilter(expression, dictionary);
  } catch {
    return false;
  }
  const at = dictionary.findIndex((v) => v.name === c.target.name);
  const row = (x: CellValue) => dictionary.map((_, i) => (i === at ? x : null));
  const predicate = (r: CellValue[]) => compiled(singleCase(r), 0);
  if (predicate(row(null))) return false;
  return c.values.every((x) => predicate(row(x)) === c.expected(x));
}

/** Shares of each outcome per form, sorted by form. */
export function sharesByForm(results: readonly CaseResult[]): Array<{ form: string; cases: number; right: number; dropped: number; wrong: number }> {
  const byForm = new Map<string, { form: string; cases: number; right: number; dropped: number; wrong: number }>();
  for (const r of results) {
    const row = byForm.get(r.case.form) ?? { form: r.case.form, cases: 0, right: 0, dropped: 0, wrong: 0 };
    row.cases++;
    row[r.outcome]++;
    byForm.set(r.case.form, row);
  }
  return [...byForm.values()].sort((a, b) => a.form.localeCompare(b.form));
}

/** The shares as a table: form, cases, percent left out, wrong. */
export function formatShares(results: readonly CaseResult[]): string {
  const rows = sharesByForm(results);
  const width = Math.max(...rows.map((r) => r.form.length), 4);
  const lines = rows.map(
    (r) => `${r.form.padEnd(width)}  ${String(r.cases).padStart(5)}  ${((100 * r.dropped) / r.cases).toFixed(1).padStart(6)}%  ${String(r.wrong).padStart(5)}`,
  );
  return [`${'form'.padEnd(width)}  cases  left out  wrong`, ...lines].join('\n');
}
