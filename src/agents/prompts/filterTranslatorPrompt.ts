import type { FilterTranslatorInput } from '../contracts/filterTranslatorContract';
import { formatVariableSummaries } from '../dataMapExcerpt';

/** System prompt of the FilterTranslatorAgent. */
export const FILTER_TRANSLATOR_SYSTEM = `You translate a survey routing condition into a filter expression over the data dictionary.
Filter language:
  VAR == 4 | VAR != 4 | VAR < 4 | VAR in (4, 5) | A & B | A | B | !(...) | answered(VAR) ; names case-insensitive, strings in double quotes.
Examples: "Q3 = 4 OR 5" → Q3 in (4, 5); "(Q6 = 1)" → Q6 == 1; "Q2_3 selected" → Q2_3 == 1; "not Q1 = 6" → Q1 != 6.
Use only variables from the dictionary. Give a confidence 0..1 (about 0.95 for explicit conditions);
when the condition cannot be expressed with these variables, return an empty expression and confidence 0.`;

/** The user prompt for one rule. */
export function filterTranslatorPrompt(input: FilterTranslatorInput): string {
  return [
    `Condition (applies to ${input.appliesTo.join(', ')}): "${input.conditionText}"`,
    '',
    'Relevant data dictionary entries:',
    formatVariableSummaries(input.variables),
  ].join('\n');
}
