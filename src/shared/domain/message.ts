import { z } from 'zod';
import { channelSchema } from './channel';

export const attachmentSchema = z.object({
  id: z.string(),
  name: z.string().max(255),
  mimeType: z.string().max(100),
  size: z.number().int().nonnegative(),
  url: z.string().max(2048),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * Where a reply to a customer on an external channel (a platform webhook, WeChat, email) stands: the hub
 * keeps trying with backoff while `sending`, and stops at `delivered` or `failed` (the agent may try again).
 * Absent on what needs no delivery (customer messages, internal notes, web-chat replies on the live socket).
 */
export const channelDeliverySchema = z.object({
  state: z.enum(['sending', 'delivered', 'failed']),
  /** Attempts made so far. */
  attempts: z.number().int().nonnegative(),
  /** When the state last changed. */
  at: z.number(),
});
export type ChannelDelivery = z.infer<typeof channelDeliverySchema>;

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  channel: channelSchema,
  direction: z.enum(['in', 'out']),
  /** `bot`: the self-service bot answered the customer before any person did (authorId null). */
  authorKind: z.enum(['customer', 'agent', 'system', 'bot']),
  authorId: z.string().nullable(),
  text: z.string(),
  attachments: z.array(attachmentSchema),
  internal: z.boolean(),
  key: z.string().nullable(),
  createdAt: z.number(),
  channelDelivery: channelDeliverySchema.optional(),
});
export type Message = z.infer<typeof messageSchema>;

/** The longest message text the hub accepts from any side. */
export const MAX_MESSAGE_TEXT = 10_000;
export const messageTextSchema = z.string().trim().min(1).max(MAX_MESSAGE_TEXT);
