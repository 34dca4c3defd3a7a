import type { BannerGenerateInput } from '../contracts/bannerGenerateAgentContract';
import { formatVariableSummaries } from '../dataMapExcerpt';

/** System prompt of the BannerGenerateAgent. */
export const BANNER_GENERATE_SYSTEM = `You design crosstab banners for survey data when no banner plan was supplied.
You are shown one candidate question from the data dictionary. Decide whether it is a good banner group:
a demographic or segment question (gender, age, region, department, role, tenure, site...) that is single-choice,
has 2 to 8 real answer categories and was answered by at least 80% of respondents.
If it qualifies, return include=true, a short group label, and one column per real answer category
(skip "don't know", "refused" and declared missing codes), each with a filter expression in this language:
  VAR == 1 | VAR in (1, 2) | VAR >= 18 & VAR <= 34 | !(...) ; string values in double quotes.
Otherwise return include=false with the reason and no columns.`;

/** The user prompt for one candidate question. */
export function bannerGeneratePrompt(input: BannerGenerateInput): string {
  return [
    `Candidate question ${input.questionId}: "${input.questionLabel}"`,
    `Respondents in the file: ${input.rowCount}; answered this question: ${input.variable.answered}.`,
    'Dictionary entry:',
    formatVariableSummaries([input.variable]),
    'Should this be a banner group? If so, list its columns with expressions.',
  ].join('\n');
}
