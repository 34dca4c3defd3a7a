import { filterTranslatorInputSchema, type FilterTranslatorOutput } from '@/agents/contracts/filterTranslatorContract';
import { isSkipStatement, withoutSkipWords } from '@/agents/routingText';
import { formatFilter, parseFilter, simplifyFilter, variablesOfNode, type FilterNode } from '@/lib/filters';
import { readAnswerAtQuestion } from './answerAtQuestion';
import { parseCondition } from './conditionParser';
import { VariableIndex } from './variableIndex';

/**
 * Local rules for FilterTranslatorAgent: read the condition written in the rule text (codes or value labels); a jump
 * ("Skip to Q5 if Q1 = 2") gives the opposite condition. Says how it read it: `exact` when the text states one condition,
 * `partial` when the text says more than the condition read (another condition, or prose joined to it by "and"/"or"/"unless"),
 * `none` when it states none or names variables the data lacks. Without a written condition, an answer stated at a
 * question ("Asked of those who rated 4 or lower at Q2") is read from its numbers and value labels (see readAnswerAtQuestion).
 */
export function solveFilterTranslator(raw: unknown): FilterTranslatorOutput {
  const input = filterTranslatorInputSchema.parse(raw);
  const index = new VariableIndex(input.variables);
  const parsed = parseCondition(input.conditionText, index);
  if (!parsed) return answerAtQuestion(input.conditionText, index, input.appliesTo);
  if (parsed.unknownVariables.length > 0) {
    return { expression: '', confidence: 0, reason: `refers to ${parsed.unknownVariables.join(', ')}, not in the data`, match: 'none' };
  }
  const skip = isSkipStatement(input.conditionText);
  const expression = skip ? formatFilter(otherAnswers(parsed.condition)) : parsed.expression;
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

/** The condition as an answer at a named question (never one of those it routes); for a jump or a skip, the other answers. */
function answerAtQuestion(conditionText: string, index: VariableIndex, routed: readonly string[]): FilterTranslatorOutput {
  const skip = isSkipStatement(conditionText);
  const reading = readAnswerAtQuestion(withoutSkipWords(conditionText), index, routed);
  if (!reading) return { expression: '', confidence: 0, reason: 'the text states no condition on the data', match: 'none' };
  const expression = skip && reading.expression !== '' ? formatFilter(otherAnswers(parseFilter(reading.expression))) : reading.expression;
  return { expression, confidence: reading.match === 'label' ? 0.85 : 0.4, reason: reading.reason, match: reading.match };
}

/** Those who answered and do not meet the condition (a jump's base): `Q1 != 2`, `answered(Q2) & !(Q2 in (1, 2))`. */
function otherAnswers(condition: FilterNode): FilterNode {
  const negated = simplifyFilter({ type: 'not', child: condition });
  if (negated.type !== 'not') return negated;
  const answered = variablesOfNode(condition).map((variable): FilterNode => ({ type: 'answered', variable }));
  return simplifyFilter({ type: 'and', children: [...answered, negated] });
}
