import { z } from 'zod';
import { variableSummarySchema } from '../dataMapExcerpt';
import { matchKindSchema } from '../matchKind';

const codeSchema = z.union([z.number(), z.string()]);

/** What the VerificationAgent sends the model for one table (definition plus dictionary facts, no respondent rows). */
export const verificationInputSchema = z.object({
  table: z.object({
    id: z.string(),
    questionId: z.string(),
    title: z.string(),
    kind: z.enum(['single', 'multi', 'numeric']),
    rows: z.array(z.object({ id: z.string(), label: z.string(), codes: z.array(codeSchema), isNet: z.boolean().optional() })),
    baseLabel: z.string(),
    baseFilter: z.string().optional(),
  }),
  questionLabel: z.string(),
  variables: z.array(variableSummarySchema),
  rowCount: z.number(),
});
/** Input of one VerificationAgent call. */
export type VerificationInput = z.infer<typeof verificationInputSchema>;

/** The model's review: a tidy title, NET rows to add, the low-value flag and notes on what changed. */
export const verificationOutputSchema = z.object({
  title: z.string().min(1),
  nets: z.array(z.object({ label: z.string().min(1), codes: z.array(codeSchema).min(1), match: matchKindSchema.optional() })),
  lowValue: z.boolean(),
  notes: z.array(z.string()),
});
/** Output of one VerificationAgent call. */
export type VerificationOutput = z.infer<typeof verificationOutputSchema>;
