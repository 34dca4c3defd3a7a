import { z } from 'zod';

/** What the SkipLogicAgent sends the model for one survey question section. */
export const skipLogicInputSchema = z.object({
  questionIds: z.array(z.string()),
  text: z.string(),
  /** When the section states a jump ("Skip to Q5 if …"): the question ids after it up to the jump's target, in order; it applies to those before the target. */
  laterQuestionIds: z.array(z.string()).default([]),
  /** The data's reportable questions (id, label, variables), for mapping survey ids to data ids. */
  dataQuestions: z.array(z.object({ id: z.string(), label: z.string(), variables: z.array(z.string()) })),
});
/** Input of one SkipLogicAgent call. */
export type SkipLogicInput = z.infer<typeof skipLogicInputSchema>;

/** The routing rules the model found in the section. */
export const skipLogicOutputSchema = z.object({
  rules: z.array(z.object({ appliesTo: z.array(z.string()).min(1), conditionText: z.string().min(1) })),
});
/** Output of one SkipLogicAgent call. */
export type SkipLogicOutput = z.infer<typeof skipLogicOutputSchema>;
