import { z } from 'zod';
import { variableSummarySchema } from '../dataMapExcerpt';
import { matchKindSchema } from '../matchKind';

/** What the FilterTranslatorAgent sends the model for one skip rule. */
export const filterTranslatorInputSchema = z.object({
  conditionText: z.string(),
  appliesTo: z.array(z.string()),
  variables: z.array(variableSummarySchema),
});
/** Input of one FilterTranslatorAgent call. */
export type FilterTranslatorInput = z.infer<typeof filterTranslatorInputSchema>;

/** The condition as a filter expression ("" when it cannot be translated) with a confidence. */
export const filterTranslatorOutputSchema = z.object({
  expression: z.string(),
  confidence: z.number().min(0).max(1),
  reason: z.string(),
  /** How the condition was read; partial readings and guesses are not used (see matchKind). */
  match: matchKindSchema.optional(),
});
/** Output of one FilterTranslatorAgent call. */
export type FilterTranslatorOutput = z.infer<typeof filterTranslatorOutputSchema>;
