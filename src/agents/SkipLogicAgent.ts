import { callModel } from '@/lib/llm/callModel';
import { PipelineInputError, throwIfAborted } from '@/lib/core/PipelineErrors';
import type { DataMap, SkipRule } from '@/lib/core/types';
import { AGENT_CONCURRENCY } from './agentConcurrency';
import type { AgentOptions } from './agentOptions';
import { skipLogicOutputSchema, type SkipLogicInput } from './contracts/skipLogicAgentContract';
import { DOCUMENT_LIMITS } from './documentLimits';
import { jumpedQuestionIds, sectionsById } from './jumpedQuestionIds';
import { mapWithConcurrency } from './mapWithConcurrency';
import { SKIP_LOGIC_SYSTEM, skipLogicPrompt } from './prompts/skipLogicPrompt';
import { routingStatements } from './routingText';
import { splitSurvey } from './surveySections';
import { getLocalSolver } from './local/localSolvers';
import { statementRules } from './local/skipLogicSolver';
import { unclaimedStatements } from './unclaimedStatements';

/**
 * Extracts skip/show rules from a survey document: deterministic split into question sections, then one model call per
 * section that contains routing text. Rules keep the condition verbatim and apply to data-map question ids only. A
 * routing statement of the section that no rule the model gave holds gets the rule the local reading makes of it, so
 * the FilterTranslatorAgent reads it or reports it: routing text is never dropped in silence.
 * A survey beyond DOCUMENT_LIMITS (routed questions, rules) is an input error, raised before the calls it would cost.
 */
export async function runSkipLogicAgent(surveyText: string, dataMap: DataMap, opts: AgentOptions = {}): Promise<SkipRule[]> {
  const { signal } = opts;
  throwIfAborted(signal);
  const sections = splitSurvey(surveyText);
  const routed = sections.flatMap((s, index) => {
    const statements = routingStatements(s.text);
    return statements.length > 0 ? [{ ...s, index, statements }] : [];
  });
  if (routed.length > DOCUMENT_LIMITS.routedQuestions) {
    throw new PipelineInputError(`survey document: ${routed.length} questions with routing; at most ${DOCUMENT_LIMITS.routedQuestions} are supported`, {
      stage: 'SkipLogicAgent',
    });
  }
  const byId = sectionsById(sections);
  const dataQuestions = dataMap.questions.map((q) => ({ id: q.id, label: q.label, variables: [...q.variables] }));
  const known = new Map(dataQuestions.map((q) => [q.id.toLowerCase(), q.id]));

  const perSection = await mapWithConcurrency(
    routed,
    AGENT_CONCURRENCY,
    async (section, i) => {
      const input: SkipLogicInput = {
        questionIds: section.questionIds,
        text: section.text,
        laterQuestionIds: jumpedQuestionIds(sections, section.index, section.statements, byId),
        dataQuestions,
      };
      const position = `${i + 1}/${routed.length}`;
      const { object } = await callModel({
        agent: 'SkipLogicAgent',
        solveLocally: getLocalSolver('SkipLogicAgent'),
        task: `section ${position}`,
        system: SKIP_LOGIC_SYSTEM,
        prompt: skipLogicPrompt(input, position),
        input,
        schema: skipLogicOutputSchema,
        signal,
      });
      // A routing statement the model gave no rule for is read as the local rules would: never silently left out.
      return [...object.rules, ...unclaimedStatements(section.statements, object.rules).flatMap((statement) => statementRules(statement, input))];
    },
    signal,
  );

  const found = perSection.flat();
  if (found.length > DOCUMENT_LIMITS.skipRules) {
    throw new PipelineInputError(`survey document: ${found.length} routing rules; at most ${DOCUMENT_LIMITS.skipRules} are supported`, {
      stage: 'SkipLogicAgent',
    });
  }
  const rules: SkipRule[] = [];
  for (const rule of found) {
    const appliesTo = [...new Set(rule.appliesTo.map((id) => known.get(id.toLowerCase())).filter((id): id is string => id !== undefined))];
    if (appliesTo.length === 0) continue;
    rules.push({ id: `R${rules.length + 1}`, appliesTo, conditionText: rule.conditionText });
  }
  return rules;
}
