import { callModel } from '@/lib/llm/callModel';
import { throwIfAborted } from '@/lib/core/PipelineErrors';
import type { DataMap, TableDefinition, TableRow } from '@/lib/core/types';
import { AGENT_CONCURRENCY } from './agentConcurrency';
import type { AgentOptions } from './agentOptions';
import { verificationOutputSchema, type VerificationInput, type VerificationOutput } from './contracts/verificationAgentContract';
import { findVariable, summariesOf, type VariableSummary } from './dataMapExcerpt';
import { isNonAnswerLabel } from '@/lib/core/nonAnswerLabel';
import { describeMatch, isDoubtful } from './matchKind';
import { accountForMultiNet } from './accounting/accountForMultiNet';
import { accountForNet } from './accounting/accountForNet';
import { mapWithConcurrency } from './mapWithConcurrency';
import { VERIFICATION_SYSTEM, verificationPrompt } from './prompts/verificationPrompt';
import { getLocalSolver } from './local/localSolvers';

/**
 * Reviews each table, one model call per table (definition + dictionary entries + answered counts, no respondent rows):
 * tidies the title, appends NET rows for ordered scales, flags low-value tables, and records notes on what changed.
 */
export async function runVerificationAgent(tables: TableDefinition[], dataMap: DataMap, opts: AgentOptions = {}): Promise<TableDefinition[]> {
  const { signal } = opts;
  throwIfAborted(signal);
  return mapWithConcurrency(
    tables,
    AGENT_CONCURRENCY,
    async (table, i) => {
      const question = dataMap.questions.find((q) => q.id === table.questionId);
      const variables = summariesOf(
        dataMap,
        table.variables.map((n) => findVariable(dataMap, n)).filter((v) => v !== undefined),
      );
      const input: VerificationInput = {
        table: {
          id: table.id,
          questionId: table.questionId,
          title: table.title,
          kind: table.kind,
          rows: table.rows.map((r) => ({ id: r.id, label: r.label, codes: [...r.codes], ...(r.isNet ? { isNet: true } : {}) })),
          baseLabel: table.baseLabel,
          ...(table.baseFilter === undefined ? {} : { baseFilter: table.baseFilter }),
        },
        questionLabel: question?.label ?? table.title,
        variables,
        rowCount: dataMap.rowCount,
      };
      const position = `${i + 1}/${tables.length}`;
      const { object } = await callModel({
        agent: 'VerificationAgent',
        solveLocally: getLocalSolver('VerificationAgent'),
        task: `table ${position}`,
        system: VERIFICATION_SYSTEM,
        prompt: verificationPrompt(input, position),
        input,
        schema: verificationOutputSchema,
        signal,
      });
      return applyReview(table, object, variables);
    },
    signal,
  );
}

/**
 * Applies a review to a table. NETs are left out with a note when their codes are not rows of the table, when they sum a
 * code outside the answer scale (declared missing, or labelled "Not asked", "Don't know", "Refused"…), when the model
 * says they are a doubtful match, when their label names codes they do not sum or they sum codes it does not name (see
 * accountForNet, and accountForMultiNet for the items of a multiple-response set), or when they duplicate a row label.
 */
export function applyReview(table: TableDefinition, review: VerificationOutput, variables: readonly VariableSummary[] = []): TableDefinition {
  const notes = [...table.notes, ...review.notes];
  const rows: TableRow[] = [...table.rows];
  const rowCodes = new Set(table.rows.filter((r) => !r.isNet).flatMap((r) => r.codes.map(String)));
  const outside = nonAnswerCodes(variables);
  review.nets.forEach((net, k) => {
    const unknown = net.codes.filter((c) => !rowCodes.has(String(c)));
    if (unknown.length > 0) {
      notes.push(`NET "${net.label}" not added: codes ${unknown.join(', ')} are not rows of this table`);
      return;
    }
    const nonAnswers = net.codes.filter((c) => outside.has(String(c)));
    if (nonAnswers.length > 0) {
      notes.push(`NET "${net.label}" not added: codes ${nonAnswers.join(', ')} are not answers on the scale`);
      return;
    }
    if (isDoubtful(net.match, 1)) {
      notes.push(`NET "${net.label}" not added: ${describeMatch(net.match)}`);
      return;
    }
    const variable = table.kind !== 'multi' && variables.length === 1 ? variables[0] : undefined;
    const coverage =
      table.kind === 'multi'
        ? accountForMultiNet(net.label, net.codes, table.rows)
        : variable
          ? accountForNet(net.label, net.codes, variable)
          : { covered: true as const };
    if (!coverage.covered) {
      notes.push(`NET "${net.label}" not added: ${coverage.problems.join('; ')}`);
      return;
    }
    if (rows.some((r) => r.label.toLowerCase() === net.label.toLowerCase())) return;
    rows.push({ id: `${table.id}_net${k + 1}`, label: net.label, codes: [...net.codes], isNet: true });
  });
  return { ...table, title: review.title.trim() || table.title, rows, lowValue: review.lowValue || table.lowValue === true, notes };
}

/** Codes (as text) that are not answers in any of the variables: declared missing or labelled as a non-answer. */
function nonAnswerCodes(variables: readonly VariableSummary[]): Set<string> {
  const codes = new Set<string>();
  for (const v of variables) {
    for (const m of v.missingValues) codes.add(String(m));
    for (const vl of v.valueLabels) if (isNonAnswerLabel(vl.label)) codes.add(String(vl.value));
  }
  return codes;
}
