/**
 * The CLI's line contract (stable: evaluation tools depend on it).
 * Input lines are validated with zod; extra fields are ignored.
 */
import { z } from 'zod';

/** Numeric ids are accepted and echoed back unchanged; everything else must be a string. */
const idSchema = z.union([z.string(), z.number()]);

export const sentimentInputSchema = z.object({ id: idSchema, text: z.string() });

export const summarizeInputSchema = z.object({
  id: idSchema,
  turns: z.array(
    z.object({
      // Other roles (a merchant, "unknown") are on the asking side of the desk.
      speaker: z.string().transform((s): 'agent' | 'customer' => (s === 'agent' ? 'agent' : 'customer')),
      text: z.string(),
    }),
  ),
});

export type SentimentInput = z.infer<typeof sentimentInputSchema>;
export type SummarizeInput = z.infer<typeof summarizeInputSchema>;
