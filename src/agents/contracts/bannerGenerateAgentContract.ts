import { z } from 'zod';
import { variableSummarySchema } from '../dataMapExcerpt';

/** What the BannerGenerateAgent sends the model for one candidate segment question. */
export const bannerGenerateInputSchema = z.object({
  questionId: z.string(),
  questionLabel: z.string(),
  variable: variableSummarySchema,
  rowCount: z.number(),
});
/** Input of one BannerGenerateAgent call. */
export type BannerGenerateInput = z.infer<typeof bannerGenerateInputSchema>;

/** The model's decision on one candidate: include it as a banner group or skip it, with the columns. */
export const bannerGenerateOutputSchema = z.object({
  include: z.boolean(),
  reason: z.string(),
  groupLabel: z.string(),
  columns: z.array(z.object({ label: z.string().min(1), expression: z.string().min(1) })),
});
/** Output of one BannerGenerateAgent call. */
export type BannerGenerateOutput = z.infer<typeof bannerGenerateOutputSchema>;
