import { z } from 'zod';

/** What the BannerAgent sends the model for one banner-plan group section. */
export const bannerAgentInputSchema = z.object({
  heading: z.string().nullable(),
  text: z.string(),
});
/** Input of one BannerAgent call. */
export type BannerAgentInput = z.infer<typeof bannerAgentInputSchema>;

/** What the model returns for one group: its label and its columns with the plan's description text. */
export const bannerAgentOutputSchema = z.object({
  label: z.string().min(1),
  columns: z.array(z.object({ label: z.string().min(1), source: z.string() })),
});
/** Output of one BannerAgent call. */
export type BannerAgentOutput = z.infer<typeof bannerAgentOutputSchema>;
