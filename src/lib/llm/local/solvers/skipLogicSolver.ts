import { skipLogicInputSchema, type SkipLogicInput, type SkipLogicOutput } from '@/agents/contracts/skipLogicAgentContract';
import { routingStatements } from '@/agents/routingText';

/** Local rules for SkipLogicAgent: every routing statement of the section is a rule for the section's questions, mapped to data ids. */
export function solveSkipLogic(raw: unknown): SkipLogicOutput {
  const input = skipLogicInputSchema.parse(raw);
  const appliesTo = [...new Set(input.questionIds.flatMap((q) => mapQuestionId(q, input.dataQuestions)))];
  if (appliesTo.length === 0) return { rules: [] };
  return { rules: routingStatements(input.text).map((conditionText) => ({ appliesTo, conditionText })) };
}

/** Survey question id → data question ids: the same id, a multi-response/looped family (Q8 → Q8_1..), or the question holding that variable. */
export function mapQuestionId(surveyId: string, questions: SkipLogicInput['dataQuestions']): string[] {
  const key = surveyId.toLowerCase();
  const exact = questions.filter((q) => q.id.toLowerCase() === key);
  if (exact.length > 0) return exact.map((q) => q.id);
  const family = questions.filter(
    (q) => q.id.toLowerCase().startsWith(`${key}_`) || (q.variables.length > 0 && q.variables.every((v) => v.toLowerCase().startsWith(`${key}_`))),
  );
  if (family.length > 0) return family.map((q) => q.id);
  return questions.filter((q) => q.variables.some((v) => v.toLowerCase() === key)).map((q) => q.id);
}
