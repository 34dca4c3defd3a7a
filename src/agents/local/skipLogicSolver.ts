import { skipLogicInputSchema, type SkipLogicInput, type SkipLogicOutput } from '@/agents/contracts/skipLogicAgentContract';
import { routingStatements, skippedQuestionsText, skippingAnswerCode, skipTarget } from '@/agents/routingText';
import { expandQuestionIds } from '@/agents/surveySections';

type Rule = SkipLogicOutput['rules'][number];

/**
 * Local rules for SkipLogicAgent: every routing statement of the section is a rule for the section's questions, mapped to
 * data ids, unless it names its own targets ("ASK Q7-Q8 IF …", "IF Q1 = Yes ASK Q2", "Skip Q2 if …"); a jump ("Skip to Q5
 * if …", "2. No (skip to Q5)") is a rule for the later questions it jumps over, whose text says it is a jump.
 */
export function solveSkipLogic(raw: unknown): SkipLogicOutput {
  const input = skipLogicInputSchema.parse(raw);
  return { rules: routingStatements(input.text).flatMap((statement) => statementRules(statement, input)) };
}

/** The rules one routing statement of a section makes (none when it applies to no data question). */
export function statementRules(conditionText: string, input: SkipLogicInput): Rule[] {
  const target = skipTarget(conditionText);
  const rules = target !== null ? jumpRule(conditionText, target, input) : [{ appliesTo: ownTargets(conditionText, input), conditionText }];
  return rules.filter((r) => r.appliesTo.length > 0);
}

/** The data questions a statement names as its targets, or else those of its section. */
function ownTargets(statement: string, input: SkipLogicInput): string[] {
  const named = statementTargets(statement).flatMap((q) => mapQuestionId(q, input.dataQuestions));
  return [...new Set(named.length > 0 ? named : input.questionIds.flatMap((q) => mapQuestionId(q, input.dataQuestions)))];
}

/** A jump from this section to `target`: a rule for the questions between them; an answer-level jump gets its condition written out. */
function jumpRule(statement: string, target: string, input: SkipLogicInput): Rule[] {
  const end = input.laterQuestionIds.findIndex((id) => id.toLowerCase() === target.toLowerCase());
  if (end === -1) return [];
  const skipped = [...new Set(input.laterQuestionIds.slice(0, end).flatMap((q) => mapQuestionId(q, input.dataQuestions)))];
  const code = skippingAnswerCode(statement);
  const own = input.questionIds[0];
  const conditionText = code !== null && own !== undefined ? `Skip to ${target} if ${own} = ${code} (answer "${statement}")` : statement;
  return [{ appliesTo: skipped, conditionText }];
}

// "to" and "and" need word boundaries: inside an id they would make every split of "Q1andQ1andQ1…" a candidate (exponential).
const IDS = String.raw`((?:[A-Za-z]+\d+\w*)(?:\s*(?:-|–|\bto\b|\band\b|,|&|\/)\s*[A-Za-z]+\d+\w*)*)`;
const TARGETS_BEFORE_IF = new RegExp(String.raw`\bask\s+${IDS}\s+if\b`, 'i');
const TARGETS_AT_END = new RegExp(String.raw`^\W*if\b.*\bask\s+${IDS}\s*[.;:]?\s*$`, 'i');

/** Question ids a statement names as its targets: "ASK Q7-Q9 IF …" → Q7, Q8, Q9; "IF Q1 = Yes ASK Q2" → Q2; "Skip Q2 if …" → Q2. */
function statementTargets(statement: string): string[] {
  const m = TARGETS_BEFORE_IF.exec(statement) ?? TARGETS_AT_END.exec(statement);
  const ids = m?.[1] ?? skippedQuestionsText(statement);
  return ids ? expandQuestionIds(ids) : [];
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
