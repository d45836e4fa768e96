import { z } from 'zod';
import { channelSchema } from './channel';

export const conversationStatuses = ['queued', 'offered', 'active', 'closed'] as const;
export const conversationStatusSchema = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const conversationSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  channel: channelSchema,
  status: conversationStatusSchema,
  queue: z.string(),
  assigneeId: z.string().nullable(),
  priority: z.number().int(),
  tags: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastMessageAt: z.number().nullable(),
  preview: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;
