import type { CaseTable } from '@/lib/core/CaseTable';
import type { CellValue, SavDataset, TableDefinition } from '@/lib/core/types';
import { loopStem } from '@/lib/sav';

/** A loop decision, as returned by LoopSemanticsPolicyAgent. */
export interface LoopDecision {
  loopId: string;
  variables: string[];
  policy: 'stacked' | 'per-iteration';
}

/** A stacked table with the dataset it must be computed on (one row per respondent × answered iteration). */
export interface StackedTable {
  table: TableDefinition;
  dataset: SavDataset;
}

/** An iteration marker ending a title ("visit 2", "(loop 3)", " 1"). */
const ITERATION_SUFFIX = /\s*\(?(iteration|visit|loop)?\s*\d+\)?\s*$/i;

/**
 * Apply loop decisions: for each stacked loop, the per-iteration tables are replaced by one table computed on a stacked
 * copy of the data, where each respondent contributes one row per iteration (banner columns still apply per respondent).
 */
export function applyLoopPolicies(
  tables: TableDefinition[],
  decisions: LoopDecision[],
  dataset: SavDataset,
): { tables: TableDefinition[]; stacked: StackedTable[] } {
  let remaining = tables;
  const stacked: StackedTable[] = [];
  for (const decision of decisions) {
    if (decision.policy !== 'stacked' || decision.variables.length < 2) continue;
    const loopVars = new Set(decision.variables.map((v) => v.toLowerCase()));
    const iterationTables = remaining.filter((t) => t.variables.length === 1 && loopVars.has(t.variables[0]!.toLowerCase()));
    const template = iterationTables[0];
    if (!template) continue;
    const stem = loopStem(template.variables[0]!);
    const stackName = `${stem}_STACK`;
    const stackedDataset = stackDataset(dataset, decision.variables, stackName);
    if (!stackedDataset) continue;
    remaining = remaining.filter((t) => !iterationTables.includes(t));
    stacked.push({
      dataset: stackedDataset,
      table: {
        ...template,
        id: `t_${stem}_stacked`,
        questionId: stem,
        title: stackedTitle(template.title, template.variables[0]!, stem),
        variables: [stackName],
        baseFilter: undefined,
        baseLabel: `All answered iterations of loop ${decision.loopId} (${decision.variables.length} iterations)`,
        notes: [...template.notes, `Stacked over ${decision.variables.join(', ')}: the base counts iterations, not respondents.`],
      },
    });
  }
  return { tables: remaining, stacked };
}

/** The stacked table's title: the first iteration's, named after the stem and without its iteration marker. */
function stackedTitle(title: string, variable: string, stem: string): string {
  const named = title.toLowerCase().startsWith(variable.toLowerCase());
  const [head, rest] = named ? [stem, title.slice(variable.length)] : ['', title];
  return `${head}${rest.replace(ITERATION_SUFFIX, '')} (all iterations, stacked)`;
}

/**
 * The stacked cases: one per respondent × iteration answered, each a view of its respondent's case (no cell copied), with
 * one more variable after the dataset's own, the iteration's answer.
 */
class StackedCases implements CaseTable {
  constructor(
    private readonly base: CaseTable,
    /** The stacked variable's column: the dataset's width. */
    private readonly stackColumn: number,
    /** Per stacked case: the respondent's case, and the column of the iteration it stands for. */
    private readonly respondent: Int32Array,
    private readonly iterationColumn: Int32Array,
    readonly count: number,
  ) {}

  value(column: number, r: number): CellValue {
    if (r >= this.count) return null;
    const source = this.respondent[r] as number;
    return this.base.value(column === this.stackColumn ? (this.iterationColumn[r] as number) : column, source);
  }
}

/** Build the stacked dataset: every original variable plus `stackName`, one case per respondent × iteration answered. */
function stackDataset(dataset: SavDataset, loopVariables: string[], stackName: string): SavDataset | null {
  const lower = dataset.variables.map((v) => v.name.toLowerCase());
  const indexes = loopVariables.map((name) => lower.indexOf(name.toLowerCase()));
  if (indexes.some((i) => i < 0)) return null;
  const first = dataset.variables[indexes[0]!]!;
  const { cases } = dataset;
  let respondent = new Int32Array(Math.max(16, cases.count));
  let iterationColumn = new Int32Array(respondent.length);
  let n = 0;
  for (let r = 0; r < cases.count; r++) {
    for (const i of indexes) {
      if (cases.value(i, r) === null) continue;
      if (n === respondent.length) [respondent, iterationColumn] = [grown(respondent), grown(iterationColumn)];
      respondent[n] = r;
      iterationColumn[n++] = i;
    }
  }
  return {
    ...dataset,
    variables: [...dataset.variables, { ...first, name: stackName, label: `${first.label} (stacked)` }],
    cases: new StackedCases(cases, dataset.variables.length, respondent, iterationColumn, n),
  };
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
