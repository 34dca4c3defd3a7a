import { z } from 'zod';
import { variableSummarySchema } from '../dataMapExcerpt';

/** What the LoopSemanticsPolicyAgent sends the model for one loop: its looped questions, each with one variable per iteration. */
export const loopPolicyInputSchema = z.object({
  loopId: z.string(),
  questions: z.array(
    z.object({
      stem: z.string(),
      variables: z.array(variableSummarySchema.extend({ iteration: z.number() })),
    }),
  ),
  rowCount: z.number(),
});
/** Input of one LoopSemanticsPolicyAgent call. */
export type LoopPolicyInput = z.infer<typeof loopPolicyInputSchema>;

/** The model's reporting decision for each looped question of the loop. */
export const loopPolicyOutputSchema = z.object({
  decisions: z.array(
    z.object({
      stem: z.string(),
      policy: z.enum(['stacked', 'per-iteration']),
      reason: z.string().min(1),
    }),
  ),
});
/** Output of one LoopSemanticsPolicyAgent call. */
export type LoopPolicyOutput = z.infer<typeof loopPolicyOutputSchema>;
