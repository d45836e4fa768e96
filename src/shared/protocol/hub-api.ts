import { z } from 'zod';
import { consentSchema } from '../domain/consent';
import { conversationSchema } from '../domain/conversation';
import { customerSchema } from '../domain/customer';
import { dispositionSchema } from '../domain/disposition';
import { customerMergeSchema, mergeSuggestionSchema } from '../domain/merge';
import { attachmentSchema, messageSchema } from '../domain/message';
import { orderSchema } from '../domain/order';
import { queueMetricsSchema } from '../domain/queue';
import { ticketSchema } from '../domain/ticket';
import { customerRatingSchema } from '../domain/survey';

/**
 * The hub's HTTP API for the agent desktop (bearer token from /api/login). Every answer is
 * validated against these schemas on the hub before it is sent; errors are `{ error: { code, message } }`.
 */

/** One earlier or current contact, newest first, with its last few messages. */
export const timelineEntrySchema = z.object({
  conversation: conversationSchema,
  messages: z.array(messageSchema),
  /** One line: written at close, or made now for a conversation still open. */
  summary: z.string(),
  /** Mean sentiment of the customer's messages in [-1, 1]; null when there were none to score. */
  sentiment: z.number().min(-1).max(1).nullable(),
  /** The customer's answer to the satisfaction survey after this contact, if they gave one. */
  rating: customerRatingSchema.nullable().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/**
 * The few facts about a suggested merge candidate that the screen pop shows an agent who may not
 * read that customer's record: who they are, whether they are a VIP, and one line on their last
 * contact. Nothing else of the record crosses.
 */
export const mergeCandidateSchema = z.object({
  customerId: z.string(),
  name: z.string().nullable(),
  vip: z.boolean(),
  lastContact: z.object({ startedAt: z.number(), summary: z.string().max(200) }).nullable(),
});
export type MergeCandidate = z.infer<typeof mergeCandidateSchema>;

/** GET /api/customers/:id/360 */
export const customer360Schema = z.object({
  customer: customerSchema,
  orders: z.array(orderSchema),
  tickets: z.array(ticketSchema),
  timeline: z.array(timelineEntrySchema),
  /** A short summary of the customer's recent conversations on any channel, newest first. */
  historySummary: z.string(),
  mergeSuggestions: z.array(mergeSuggestionSchema),
  /** The other customer of each open suggestion, as the screen pop names them (a hub before this sends none). */
  mergeCandidates: z.array(mergeCandidateSchema).default([]),
  /** Merges into this customer that can still be undone (merge.undo). */
  merges: z.array(customerMergeSchema),
  /** What the customer agreed to on the widget's forms (a hub before consents sends none). */
  consents: z.array(consentSchema).default([]),
});
export type Customer360 = z.infer<typeof customer360Schema>;

/** GET /api/queues/metrics (supervisors and admins) */
export const queueMetricsResponseSchema = z.object({ queues: z.array(queueMetricsSchema) });

/** GET /api/dispositions */
export const dispositionsResponseSchema = z.object({ dispositions: z.array(dispositionSchema) });

/** POST /api/attachments and POST /widget/attachments: the stored file's metadata. */
export const attachmentUploadResponseSchema = z.object({ attachment: attachmentSchema });

/** GET /api/messages/:id/unmasked (supervisors and admins): the text before ID and card numbers were masked. */
export const unmaskedMessageSchema = z.object({ id: z.string(), text: z.string() });

/** Limits on customer files, the same for every channel that accepts uploads. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const attachmentMimeTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;

/** GET /api/directory: who and where a conversation can be transferred to. */
export const directoryResponseSchema = z.object({
  agents: z.array(z.object({ id: z.string(), displayName: z.string(), state: z.string(), online: z.boolean() })),
  queues: z.array(z.object({ id: z.string(), name: z.string() })),
});
