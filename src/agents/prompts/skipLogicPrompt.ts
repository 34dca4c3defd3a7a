import type { SkipLogicInput } from '../contracts/skipLogicAgentContract';

/** System prompt of the SkipLogicAgent. */
export const SKIP_LOGIC_SYSTEM = `You extract routing (skip/show) rules from a survey questionnaire.
You are shown one question section. Find every statement that limits who is asked a question
("ASK IF Q3 = 4 OR 5", "Ask only those who contacted customer service (Q6 = 1)", "Only for …", "Base: …", "Filter: …",
"IF Q1 = Yes ASK Q2", a condition in parentheses such as "(Q5 = 1)", "SHOW IF ...", "Those who gave a score of 0–6 at Q9",
"Guests who used the spa", "Do not ask if …", "Skip if …").
A jump ("Skip to Q5 if Q1 = 2", or an answer "2. No (skip to Q5)") is a rule for the later questions it jumps over
(the questions up to its target are listed below, in order), keeping the jump's text verbatim: its base is the opposite of the jump's condition.
"ASK ALL", loop instructions and jumps to the end of the interview are not rules.
For each rule return:
- appliesTo: the data question ids it applies to, using the ids from the data question list
  (a survey question Q8 asked as Q8_1..Q8_4 maps to the data question for that family);
- conditionText: the condition text verbatim, without surrounding brackets.
Return no rules when the section has none.`;

/** The user prompt for one survey section. */
export function skipLogicPrompt(input: SkipLogicInput, position: string): string {
  return [
    `Survey section ${position} (question ${input.questionIds.join(', ')}; questions after it up to its jump's target: ${input.laterQuestionIds.join(', ') || 'none'}):`,
    '"""',
    input.text,
    '"""',
    'Data questions (id: label [variables]):',
    ...input.dataQuestions.map((q) => `- ${q.id}: ${q.label} [${q.variables.join(', ')}]`),
  ].join('\n');
}
