import { z } from 'zod';
import { callRecordSchema } from './call';
import { channelSchema } from './channel';
import { conversationInsightSchema } from './conversation-insight';

/**
 * Where a contact is in its life (the hub's lifecycle table has the legal moves): with the self-service
 * bot in front of the queue (only supervisors see it there), waiting in a queue, offered to an agent,
 * handled, in after-call work (an answered call that ended and still needs its disposition), closed.
 */
export const conversationStatuses = ['bot', 'queued', 'offered', 'active', 'wrap_up', 'closed'] as const;
export const conversationStatusSchema = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

/** Over for the customer: closed, or an ended call in after-call work. */
export const hasEnded = (status: ConversationStatus): boolean => status === 'wrap_up' || status === 'closed';

export const conversationSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  /** The channel the conversation started on; each message carries its own. */
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
  /** When it last entered a queue: waiting time and SLA count from here. */
  queuedAt: z.number().nullable().optional(),
  /** The channel the customer last wrote on: replies go there unless the agent picks another. */
  lastInboundChannel: channelSchema.nullable().optional(),
  closedAt: z.number().nullable().optional(),
  /** Required to close; a call that ended on its own waits for one. */
  disposition: z.string().nullable().optional(),
  dispositionNote: z.string().nullable().optional(),
  /** Orders the customer mentioned or the platform linked. */
  orderIds: z.array(z.string()).optional(),
  /** Written on device when the conversation closes (design: summaries of earlier contacts). */
  summary: z.string().nullable().optional(),
  /**
   * The sender is not proven (an email From, which can be forged; a caller id): the conversation stands on its
   * own, never joined by another channel, and agents are shown that the sender may not be who they say.
   */
  unverified: z.boolean().optional(),
  /** Voice conversations: the call behind it (answer and end times, missed, quality). */
  call: callRecordSchema.nullable().optional(),
  /** The detected intent and any escalation (conversation-insight.ts). */
  insight: conversationInsightSchema.nullable().optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;
