import { z } from 'zod';
import { channelSchema } from './channel';

export const offerSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  channel: channelSchema,
  queue: z.string(),
  customerName: z.string(),
  preview: z.string(),
  expiresAt: z.number(),
  /** A queued callback: accepting it makes the agent's phone dial this number. */
  callback: z.object({ number: z.string().max(40) }).optional(),
});
export type Offer = z.infer<typeof offerSchema>;
