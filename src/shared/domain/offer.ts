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
});
export type Offer = z.infer<typeof offerSchema>;
