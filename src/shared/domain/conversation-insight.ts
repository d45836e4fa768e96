import { z } from 'zod';

/**
 * What the on-device NLP read from the customer, kept on the conversation so every agent who sees it
 * sees the same: the intent of the first substantive message (and which queue it routed to), and the
 * escalation that raised its priority (which rule, which words).
 */
export const conversationIntentSchema = z.object({
  /** The service queue the model named (logistics, returns, billing, product, account); null when it knew none. */
  serviceQueue: z.string().nullable(),
  /** The fine-grained intent within it ("配送周期", "card_arrival"), when the model names one. */
  intent: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  /** The hub queue the conversation was put in because of it; null when it stayed where its channel put it. */
  routedTo: z.string().nullable(),
});
export type ConversationIntent = z.infer<typeof conversationIntentSchema>;

export const escalationReasonSchema = z.enum(['complaint-phrase', 'strongly-negative', 'voice-agitation']);
export type EscalationReason = z.infer<typeof escalationReasonSchema>;

export const conversationEscalationSchema = z.object({
  reason: escalationReasonSchema,
  /** The complaint-risk phrases the customer used, as listed. */
  words: z.array(z.string()),
  score: z.number(),
  at: z.number(),
});
export type ConversationEscalation = z.infer<typeof conversationEscalationSchema>;

export const conversationInsightSchema = z.object({
  intent: conversationIntentSchema.nullable().optional(),
  escalation: conversationEscalationSchema.nullable().optional(),
});
export type ConversationInsight = z.infer<typeof conversationInsightSchema>;
