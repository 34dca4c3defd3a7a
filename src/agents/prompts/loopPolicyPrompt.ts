import type { LoopPolicyInput } from '../contracts/loopPolicyContract';
import { formatVariableSummaries } from '../dataMapExcerpt';

/** System prompt of the LoopSemanticsPolicyAgent. */
export const LOOP_POLICY_SYSTEM = `You decide how looped survey questions are reported.
A loop asks the same block once per occurrence (for each store visited, each product used...); the data has one variable per iteration (Q10_L1, Q10_L2, ...).
For each looped question choose:
- "stacked": one table over all iterations, base = iterations answered — when every iteration asks the same question with the same answer codes;
- "per-iteration": one table per iteration — when iterations differ in meaning or wording, or the iteration order itself matters.
Give a one-sentence reason for each decision.`;

/** The user prompt for one loop. */
export function loopPolicyPrompt(input: LoopPolicyInput, position: string): string {
  return [
    `Loop ${position}: ${input.loopId} (${input.rowCount} respondents)`,
    ...input.questions.flatMap((q) => [
      '',
      `Looped question ${q.stem}:`,
      formatVariableSummaries(q.variables),
      ...q.variables.map((v) => `${v.name}: iteration ${v.iteration}, answered by ${v.answered}`),
    ]),
  ].join('\n');
}
