import { filterTranslatorInputSchema, type FilterTranslatorOutput } from '@/agents/contracts/filterTranslatorContract';
import { parseCondition } from './conditionParser';
import { VariableIndex } from './variableIndex';

/** Local rules for FilterTranslatorAgent: read the explicit condition out of the rule text; no condition → confidence 0. */
export function solveFilterTranslator(raw: unknown): FilterTranslatorOutput {
  const input = filterTranslatorInputSchema.parse(raw);
  const parsed = parseCondition(input.conditionText, new VariableIndex(input.variables));
  if (!parsed) return { expression: '', confidence: 0, reason: 'no variable condition found in the text' };
  if (parsed.unknownVariables.length > 0) {
    return { expression: '', confidence: 0, reason: `refers to ${parsed.unknownVariables.join(', ')}, not in the data map` };
  }
  return {
    expression: parsed.expression,
    confidence: parsed.hasSurroundingProse ? 0.85 : 0.95,
    reason: parsed.hasSurroundingProse ? 'condition read from the parenthesised/embedded reference' : 'explicit condition',
  };
}
