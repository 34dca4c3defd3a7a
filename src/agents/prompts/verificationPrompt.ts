import type { VerificationInput } from '../contracts/verificationAgentContract';
import { formatVariableSummaries } from '../dataMapExcerpt';

/** System prompt of the VerificationAgent. */
export const VERIFICATION_SYSTEM = `You review one crosstab table definition before it is computed.
- title: "<question id>. <question text>" in sentence case, with routing/programming text (ASK IF..., [brackets]) removed.
- nets: NET rows to add for ordered scales, using the table's own codes: on 4-7 point agree/satisfaction scales
  "Top 2 box (NET)" (the two most positive codes) and "Bottom 2 box (NET)"; on 0-10 likelihood-to-recommend scales
  "Promoters (9-10) (NET)", "Passives (7-8) (NET)", "Detractors (0-6) (NET)". No NETs for other questions or when NET rows already exist.
  A NET's label must name exactly the codes it sums (by their numbers, labels, or "Top/Bottom N box"); on a multi
  table, exactly the items it sums by their labels, or "Any …" summing every item; any other NET is not added.
- lowValue: true when fewer than 30 respondents answered, or the question is an administrative field (ids, dates, durations, status).
- notes: one short note per change or flag.`;

/** The user prompt for one table. */
export function verificationPrompt(input: VerificationInput, position: string): string {
  const t = input.table;
  return [
    `Table ${position}: ${t.id} (question ${t.questionId}, ${t.kind})`,
    `Current title: "${t.title}"`,
    `Question label: "${input.questionLabel}"`,
    `Base: ${t.baseLabel}${t.baseFilter ? ` (filter ${t.baseFilter})` : ''}; respondents in file: ${input.rowCount}`,
    'Rows (id: label = codes):',
    ...t.rows.map((r) => `- ${r.id}: ${r.label} = ${r.codes.join(', ')}${r.isNet ? ' (NET)' : ''}`),
    '',
    'Dictionary entries (with answered counts):',
    formatVariableSummaries(input.variables),
    ...input.variables.map((v) => `${v.name} answered by ${v.answered}`),
  ].join('\n');
}
