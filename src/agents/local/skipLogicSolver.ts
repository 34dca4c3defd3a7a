import { skipLogicInputSchema, type SkipLogicInput, type SkipLogicOutput } from '@/agents/contracts/skipLogicAgentContract';
import { routingStatements } from '@/agents/routingText';
import { expandQuestionIds } from '@/agents/surveySections';

/** Local rules for SkipLogicAgent: every routing statement of the section is a rule for the section's questions, mapped to data ids. */
export function solveSkipLogic(raw: unknown): SkipLogicOutput {
  const input = skipLogicInputSchema.parse(raw);
  const appliesTo = [...new Set(input.questionIds.flatMap((q) => mapQuestionId(q, input.dataQuestions)))];
  const rules = routingStatements(input.text).map((conditionText) => {
    // "ASK Q7-Q8 IF Q6 = 1" names its own targets.
    const named = statementTargets(conditionText).flatMap((q) => mapQuestionId(q, input.dataQuestions));
    return { appliesTo: named.length > 0 ? [...new Set(named)] : appliesTo, conditionText };
  });
  return { rules: rules.filter((r) => r.appliesTo.length > 0) };
}

// "to" and "and" need word boundaries: inside an id they would make every split of "Q1andQ1andQ1…" a candidate (exponential).
const TARGETS = /\bask\s+((?:[A-Za-z]+\d+\w*)(?:\s*(?:-|–|\bto\b|\band\b|,|&|\/)\s*[A-Za-z]+\d+\w*)*)\s+if\b/i;

/** Question ids written between "ASK" and "IF": "ASK Q7-Q9 IF …" → Q7, Q8, Q9; "ASK Q7 AND Q8 IF …" → Q7, Q8. */
function statementTargets(statement: string): string[] {
  const m = TARGETS.exec(statement);
  if (!m) return [];
  return expandQuestionIds(m[1]!);
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
