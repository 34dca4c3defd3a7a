import { filterTranslatorInputSchema, type FilterTranslatorOutput } from '@/agents/contracts/filterTranslatorContract';
import { isSkipStatement } from '@/agents/routingText';
import { formatFilter, simplifyFilter } from '@/lib/filters';
import { parseCondition } from './conditionParser';
import { VariableIndex } from './variableIndex';

/**
 * Local rules for FilterTranslatorAgent: read the condition written in the rule text (codes or value labels); a jump
 * ("Skip to Q5 if Q1 = 2") gives the opposite condition. Says how it read it: `exact` when the text states one condition,
 * `partial` when the text says more than the condition read (another condition, or prose joined to it by "and"/"or"/"unless"),
 * `none` when it states none or names variables the data lacks.
 */
export function solveFilterTranslator(raw: unknown): FilterTranslatorOutput {
  const input = filterTranslatorInputSchema.parse(raw);
  const parsed = parseCondition(input.conditionText, new VariableIndex(input.variables));
  if (!parsed) return { expression: '', confidence: 0, reason: 'the text states no condition on the data', match: 'none' };
  if (parsed.unknownVariables.length > 0) {
    return { expression: '', confidence: 0, reason: `refers to ${parsed.unknownVariables.join(', ')}, not in the data`, match: 'none' };
  }
  const skip = isSkipStatement(input.conditionText);
  const expression = skip ? formatFilter(simplifyFilter({ type: 'not', child: parsed.condition })) : parsed.expression;
  if (parsed.hasOtherCondition || parsed.joinedToProse) {
    const why = parsed.hasOtherCondition ? 'the text states more than one condition' : 'the condition is joined to words that add to it';
    return { expression, confidence: 0.4, reason: `read "${parsed.expression}" but ${why}`, match: 'partial' };
  }
  const read = skip
    ? `a jump: asked when not ${parsed.expression}`
    : parsed.hasSurroundingProse
      ? 'condition read from the words around it'
      : 'explicit condition';
  return { expression, confidence: parsed.hasSurroundingProse ? 0.85 : 0.95, reason: read, match: 'exact' };
}
