import type { BannerAgentInput } from '../contracts/bannerAgentContract';

/** System prompt of the BannerAgent. */
export const BANNER_SYSTEM = `You are a market-research data processor reading one section of a banner plan.
A banner plan lists the subgroups (columns) that every crosstab table is broken down by, organised in groups such as Gender or Age.
Return the group's label and every column in the section, in order.
- label: a short display label for the column ("Female", "18-34").
- source: the plan's full description of the column, verbatim, including any variable reference such as "S1 = 2".
Do not invent columns, do not merge columns, and ignore notes or instructions that do not define a column.
Do not write filter expressions; another step maps descriptions to the data.`;

/** The user prompt for one banner-plan section. */
export function bannerPrompt(input: BannerAgentInput, position: string): string {
  return [
    `Banner plan section ${position}.`,
    `Heading: ${input.heading ?? '(none)'}`,
    'Section text:',
    '"""',
    input.text,
    '"""',
    'Return the group label and its columns.',
  ].join('\n');
}
