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

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  channel: channelSchema,
  direction: z.enum(['in', 'out']),
  authorKind: z.enum(['customer', 'agent', 'system']),
  authorId: z.string().nullable(),
  text: z.string(),
  attachments: z.array(attachmentSchema),
  internal: z.boolean(),
  key: z.string().nullable(),
  createdAt: z.number(),
});
export type Message = z.infer<typeof messageSchema>;

/** The longest message text the hub accepts from any side. */
export const MAX_MESSAGE_TEXT = 10_000;
export const messageTextSchema = z.string().trim().min(1).max(MAX_MESSAGE_TEXT);
