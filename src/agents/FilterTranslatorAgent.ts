import { callModel } from '@/lib/llm/callModel';
import { tryFilterVariables } from '@/lib/filters';
import { throwIfAborted } from '@/lib/core/PipelineErrors';
import type { DataMap, SkipRule } from '@/lib/core/types';
import { AGENT_CONCURRENCY } from './agentConcurrency';
import type { AgentOptions } from './agentOptions';
import { filterTranslatorOutputSchema, type FilterTranslatorInput } from './contracts/filterTranslatorContract';
import { subgroupVariables, summariesOf, variableNameSet, type VariableSummary } from './dataMapExcerpt';
import { mapWithConcurrency } from './mapWithConcurrency';
import { FILTER_TRANSLATOR_SYSTEM, filterTranslatorPrompt } from './prompts/filterTranslatorPrompt';
import { getLocalSolver } from './local/localSolvers';
import { describeMatch, isDoubtful } from './matchKind';
import { accountForText } from './accounting/accountForText';
import { isSkipStatement } from './routingText';

/**
 * Translates each skip rule's condition text into a filter expression with a confidence, one model call per rule.
 * A rule that cannot be translated, whose expression names unknown variables, or whose reading is doubtful (a partial
 * match or a guess: see matchKind), or whose filter does not account for every number and label the rule names (see
 * accountForText), keeps no expression, confidence 0 and the reason, for FilterApplicator to report.
 */
export async function runFilterTranslatorAgent(rules: SkipRule[], dataMap: DataMap, opts: AgentOptions = {}): Promise<SkipRule[]> {
  const { signal } = opts;
  throwIfAborted(signal);
  const known = variableNameSet(dataMap);
  // The read-back sees every question, so words that speak of one the condition leaves out are caught.
  const everyVariable = subgroupVariables(dataMap);
  return mapWithConcurrency(
    rules,
    AGENT_CONCURRENCY,
    async (rule, i): Promise<SkipRule> => {
      const input: FilterTranslatorInput = {
        conditionText: rule.conditionText,
        appliesTo: rule.appliesTo,
        variables: relevantVariables(rule.conditionText, dataMap),
      };
      const { object } = await callModel({
        agent: 'FilterTranslatorAgent',
        solveLocally: getLocalSolver('FilterTranslatorAgent'),
        task: `rule ${i + 1}/${rules.length}`,
        system: FILTER_TRANSLATOR_SYSTEM,
        prompt: filterTranslatorPrompt(input),
        input,
        schema: filterTranslatorOutputSchema,
        signal,
      });
      const base: SkipRule = { id: rule.id, appliesTo: [...rule.appliesTo], conditionText: rule.conditionText };
      const expression = object.expression.trim();
      // Text that is not valid filter syntax is kept, for FilterApplicator to reject with the syntax error.
      const names = tryFilterVariables(expression);
      const unknown = (names ?? []).filter((n) => !known.has(n.toLowerCase()));
      if (expression === '' || object.confidence <= 0 || unknown.length > 0) {
        const reason = unknown.length > 0 ? `the translation used unknown variable ${unknown.join(', ')}` : object.reason || 'no condition found';
        return { ...base, confidence: 0, reason };
      }
      // A doubtful reading is not used: the rule is reported, never applied half-read.
      if (isDoubtful(object.match, object.confidence)) return { ...base, confidence: 0, reason: `${describeMatch(object.match)}: ${object.reason}` };
      // Whatever matched, the filter must select exactly (text that is not filter syntax is left to FilterApplicator) the answers the rule names (for a jump: the others).
      const coverage =
        names === null
          ? { covered: true as const }
          : accountForText({
              texts: [rule.conditionText],
              expression,
              variables: everyVariable,
              negated: isSkipStatement(rule.conditionText),
              routed: rule.appliesTo,
            });
      if (!coverage.covered) return { ...base, confidence: 0, reason: `a partial match: ${coverage.problems.join('; ')}` };
      return { ...base, expression, confidence: object.confidence };
    },
    signal,
  );
}

/** The dictionary entries a condition names (with whole multi-response groups); all subgroup variables when it names none. */
function relevantVariables(conditionText: string, dataMap: DataMap): VariableSummary[] {
  const tokens = new Set((conditionText.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []).map((t) => t.toLowerCase()));
  const named = dataMap.variables.filter((v) => tokens.has(v.name.toLowerCase()) || (v.group !== undefined && tokens.has(v.group.toLowerCase())));
  return named.length > 0 ? summariesOf(dataMap, named) : subgroupVariables(dataMap);
}
