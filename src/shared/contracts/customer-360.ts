import { z } from 'zod';
import { channelSchema } from '../domain/channel';
import { consentSchema } from '../domain/consent';
import { customerSchema, identityKindSchema } from '../domain/customer';
import { orderSchema } from '../domain/order';
import { ticketSchema } from '../domain/ticket';
import { customerRatingSchema } from '../domain/survey';

/**
 * The customer panel's view of one person, as the host prepares it from the hub's
 * `GET /api/customers/:id/360` (see shared/protocol/hub-api.ts): each earlier contact is reduced
 * to one line with a sentiment, and merge records carry names the desktop already knows.
 */
export const sentimentLabelSchema = z.enum(['positive', 'neutral', 'negative']);

/** One earlier or current contact (a chat or a call, any channel). */
export const contactSchema = z.object({
  conversationId: z.string(),
  /** Every channel the contact used, first one first: a chat may move from WeChat to the widget. */
  channels: z.array(channelSchema).min(1),
  status: z.string(),
  startedAt: z.number(),
  summary: z.string().max(500),
  sentiment: sentimentLabelSchema.nullable(),
  disposition: z.string().nullable(),
  /** The customer's satisfaction rating of this contact (1–5) and comment, if they answered the survey. */
  rating: customerRatingSchema.nullable().optional(),
  /** What the customer asked the self-service bot before a person answered (or instead of one). */
  askedBot: z.array(z.string().max(200)).max(5).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

export const mergeSuggestionViewSchema = z.object({
  id: z.string(),
  candidateId: z.string(),
  candidateName: z.string().nullable(),
  reason: z.object({ kind: identityKindSchema, value: z.string() }),
  /** The candidate is a VIP (told by the hub even where the agent may not read the candidate's record). */
  candidateVip: z.boolean().optional(),
  /** One line on the candidate's last contact, from the hub, for the screen pop. */
  candidateLastContact: z.object({ startedAt: z.number(), summary: z.string() }).nullable().optional(),
});
export type MergeSuggestionView = z.infer<typeof mergeSuggestionViewSchema>;

export const mergeViewSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceName: z.string().nullable(),
  /** 'auto' for a strong identity match, otherwise the agent who accepted. */
  by: z.string(),
  at: z.number(),
  undoneAt: z.number().nullable(),
});
export type MergeView = z.infer<typeof mergeViewSchema>;

export const customer360ViewSchema = z.object({
  customer: customerSchema,
  orders: z.array(orderSchema),
  tickets: z.array(ticketSchema),
  contacts: z.array(contactSchema),
  mergeSuggestions: z.array(mergeSuggestionViewSchema),
  merges: z.array(mergeViewSchema),
  /** Consents given on the widget's forms, oldest first (absent from a view cached before consents). */
  consents: z.array(consentSchema).optional(),
  /** A cross-channel summary of earlier contacts, when a summarizer is available; null otherwise. */
  summary: z.string().max(2000).nullable(),
});
export type Customer360View = z.infer<typeof customer360ViewSchema>;

/** Who and where a conversation can be transferred to. */
export const directorySchema = z.object({
  agents: z.array(z.object({ id: z.string(), displayName: z.string(), state: z.string(), online: z.boolean().default(false) })),
  queues: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Directory = z.infer<typeof directorySchema>;
