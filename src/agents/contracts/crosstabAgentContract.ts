import { z } from 'zod';
import { variableSummarySchema } from '../dataMapExcerpt';
import { matchKindSchema } from '../matchKind';
import { answerTextSchema } from '../surveyAnswers';

/** What the CrosstabAgent sends the model for one banner group. */
export const crosstabAgentInputSchema = z.object({
  group: z.object({ id: z.string(), label: z.string() }),
  columns: z.array(z.object({ id: z.string(), label: z.string(), source: z.string() })),
  variables: z.array(variableSummarySchema),
  /** How the survey document words the answers of these variables: a column may name a category by them. */
  answerTexts: z.array(answerTextSchema).default([]),
});
/** Input of one CrosstabAgent call. */
export type CrosstabAgentInput = z.infer<typeof crosstabAgentInputSchema>;

/** The model's mapping of each column to a filter expression. */
export const crosstabAgentOutputSchema = z.object({
  columns: z.array(
    z.object({
      id: z.string(),
      expression: z.string(),
      confidence: z.number().min(0).max(1),
      /** Variable names the column's description names explicitly (whether or not the data has them). */
      referencedVariables: z.array(z.string()),
      reason: z.string(),
      /** How the description was matched; partial matches and guesses are not used (see matchKind). */
      match: matchKindSchema.optional(),
    }),
  ),
});
/** Output of one CrosstabAgent call. */
export type CrosstabAgentOutput = z.infer<typeof crosstabAgentOutputSchema>;
