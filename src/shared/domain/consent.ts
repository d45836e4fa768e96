import { z } from 'zod';

/**
 * Consent a visitor gave on the widget's pre-chat or offline form: the words they agreed to, in the
 * language they read them, for which site, and when. Kept with the visitor's identity, so it
 * outlives any one conversation and follows the customer through a merge.
 */
export const consentSchema = z.object({
  siteId: z.string(),
  language: z.enum(['en', 'zh-CN', 'zh-TW']),
  text: z.string(),
  givenAt: z.number(),
});
export type Consent = z.infer<typeof consentSchema>;
