import type { FilterTranslatorInput } from '../contracts/filterTranslatorContract';
import { formatVariableSummaries } from '../dataMapExcerpt';

/** System prompt of the FilterTranslatorAgent. */
export const FILTER_TRANSLATOR_SYSTEM = `You translate a survey routing condition into a filter expression over the data dictionary.
Filter language:
  VAR == 4 | VAR != 4 | VAR < 4 | VAR in (4, 5) | A & B | A | B | !(...) | answered(VAR) ; names case-insensitive, strings in double quotes.
Examples: "Q3 = 4 OR 5" → Q3 in (4, 5); "(Q6 = 1)" → Q6 == 1; "Q2_3 selected" → Q2_3 == 1; "not Q1 = 6" → Q1 != 6.
Conditions may name codes or value labels ("Q1 = Yes" → Q1 == 1), or state an answer at a question ("rated 4 or lower at
Q2" → Q2 in (1, 2, 3, 4)); numbers in words are codes, and a range never takes in a missing or non-answer code ("Don't
know", "Not asked"). A label with an open end ("Good or better at Q8", "at least Satisfied") is every answer from it to
the scale's positive (or negative) end, whichever way its codes run, as is "3 or better"; "3 or higher" runs up the codes.
A question may be named by what it asks ("on the recommend question"): the one question whose label that describes,
never one the rule applies to. A jump or a skip ("Skip to Q5 if Q1 = 2", "Skip if Q1 = 2", "Do not ask if Q1 = 2")
gives the opposite condition: !(Q1 == 2) → Q1 != 2.
Every number, range and label the text names must be selected, and nothing else: a reading that does not account for
all of it is not used.
Use only variables from the dictionary. Give a confidence 0..1 (about 0.95 for explicit conditions) and say how you read it
(match): "exact" when the text states the condition you wrote, "label" when you read it from value labels, "partial" when
the text says more than you could write, "guess" when unsure; such readings are not used.
When the condition cannot be expressed with these variables, return an empty expression, confidence 0 and match "none".`;

/** The user prompt for one rule. */
export function filterTranslatorPrompt(input: FilterTranslatorInput): string {
  return [
    `Condition (applies to ${input.appliesTo.join(', ')}): "${input.conditionText}"`,
    '',
    'Relevant data dictionary entries:',
    formatVariableSummaries(input.variables),
  ].join('\n');
}
