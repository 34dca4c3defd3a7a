import type { CrosstabAgentInput } from '../contracts/crosstabAgentContract';
import { formatVariableSummaries } from '../dataMapExcerpt';

/** System prompt of the CrosstabAgent. */
export const CROSSTAB_SYSTEM = `You map banner columns of a survey crosstab to filter expressions over the data dictionary.
For each column, read its description and write the expression that selects its respondents, using only variables from the dictionary:
  VAR == 2 | VAR != 2 | VAR in (1, 2) | VAR >= 18 & VAR <= 34 | A | B | !(...) | answered(VAR) | TRUE ; names are case-insensitive, strings in double quotes.
- Explicit references ("S1 = 1", "Q1 in 1,2", "AGEGRP 1-2") are used as written.
- Word descriptions ("Female", "Aged 18 to 34", "55 and over", "North region", a brand name) are matched to value labels,
  or to the survey's wording of an answer; age ranges may combine age-band codes or use a range on a numeric age variable.
- Numbers in words are codes: "Promoters (9-10)" is codes 9 and 10, "8+" codes 8 and up, "4 or lower" codes up to 4,
  "1, 2 or 3" those three; a range never takes in a missing or non-answer code ("Don't know", "Refused", "Not asked").
- A label with an open end ("Good or better", "at least Satisfied", "Fair or below", "Good+") is every answer from that label
  to the scale's positive (or negative) end, whichever way its codes run (1 = Excellent … 5 = Poor: "Good or better" is 1-3);
  "3 or better" also runs toward the positive end, "3 or higher" up the codes. When the labels do not say which end is
  positive, the column cannot be read: match "partial".
- Every number, range and label a description names must be selected, and nothing else: a mapping that does not account
  for all of it is not used.
- Members of a declared category set hold codes: a category counts when any member holds it (A1 == 3 | A2 == 3 | A3 == 3).
- confidence is 0..1: about 0.95 for explicit references, lower for looser matches; 0 with an empty expression when nothing fits.
- match says how you matched: "exact" (a condition written in the description), "label" (a value label, a word of one with
  words naming its variable, or a range of labelled bands), "partial" (only part of the description, or several readings),
  "guess", "none". Partial matches and guesses are not used: the column is reported as not mapped.
- referencedVariables lists every variable name the description itself names, even when the dictionary lacks it.
Return one entry per column id, with a short reason.`;

/** The user prompt for one banner group. */
export function crosstabPrompt(input: CrosstabAgentInput, position: string): string {
  return [
    `Banner group ${position}: "${input.group.label}"`,
    'Columns (id: label — description):',
    ...input.columns.map((c) => `- ${c.id}: ${c.label} — ${c.source || c.label}`),
    '',
    'Data dictionary (name [kind] "label": code=value label):',
    formatVariableSummaries(input.variables),
    ...(input.answerTexts.length > 0
      ? ['', 'Answers as the survey document words them (variable code: text):', ...input.answerTexts.map((a) => `${a.variable} ${a.code}: ${a.text}`)]
      : []),
  ].join('\n');
}
