import type { SkipLogicInput } from '../contracts/skipLogicAgentContract';

/** System prompt of the SkipLogicAgent. */
export const SKIP_LOGIC_SYSTEM = `You extract routing (skip/show) rules from a survey questionnaire.
You are shown one question section. Find every statement that limits who is asked the question
("ASK IF Q3 = 4 OR 5", "Ask only those who contacted customer service (Q6 = 1)", "SHOW IF ...").
"ASK ALL", loop instructions and "skip to"/"go to" jumps are not rules for this question.
For each rule return:
- appliesTo: the data question ids it applies to, using the ids from the data question list
  (a survey question Q8 asked as Q8_1..Q8_4 maps to the data question for that family);
- conditionText: the condition text verbatim, without surrounding brackets.
Return no rules when the section has none.`;

/** The user prompt for one survey section. */
export function skipLogicPrompt(input: SkipLogicInput, position: string): string {
  return [
    `Survey section ${position} (question ${input.questionIds.join(', ')}):`,
    '"""',
    input.text,
    '"""',
    'Data questions (id: label [variables]):',
    ...input.dataQuestions.map((q) => `- ${q.id}: ${q.label} [${q.variables.join(', ')}]`),
  ].join('\n');
}
