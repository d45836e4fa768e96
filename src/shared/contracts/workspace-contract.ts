import { z } from 'zod';
import { agentStateSchema } from '../domain/agent';
import { conversationSchema, conversationStatusSchema } from '../domain/conversation';
import { channelSchema } from '../domain/channel';
import { customerSchema } from '../domain/customer';
import { MAX_MESSAGE_TEXT, attachmentSchema, messageSchema } from '../domain/message';
import { MAX_MESSAGE_ATTACHMENTS } from '../domain/draft';
import { offerSchema } from '../domain/offer';
import { queueSlaSchema } from '../domain/queue-sla';
import { defineContract } from '../rpc/contract';
import { dispositionCodeSchema, dispositionSchema } from '../domain/disposition';
import { ticketPriorities, ticketSchema } from '../domain/ticket';
import { agentAlertSchema } from '../domain/agent-alert';
import { callQualitySchema } from '../domain/call';
import { transferTargetSchema } from '../protocol/hub-protocol';
import { agentSupervisionNoticeSchema } from '../protocol/supervisor-protocol';
import { customer360ViewSchema, directorySchema } from './customer-360';

export const deliveryStateSchema = z.enum(['pending', 'sent', 'failed']);
export const workspaceMessageSchema = messageSchema.extend({ delivery: deliveryStateSchema });
export type WorkspaceMessage = z.infer<typeof workspaceMessageSchema>;

const id = z.string().max(100);
/** Sized so a page of conversations, their customers and meta stays well under the 1 MiB RPC frame. */
export const INBOX_PAGE_LIMIT = 1000;

/**
 * A keyset cursor: a row's place in the inbox order (domain/inbox-order.ts: its rank, then its id).
 * `after` reads the rows below it, `before` the rows above it.
 */
export const inboxCursorSchema = z.object({ rank: z.number().int(), id });
export type InboxCursor = z.infer<typeof inboxCursorSchema>;

/** What the inbox shows; applied in SQL by the host's cache. */
const inboxChannelSchema = z.union([z.literal('all'), channelSchema]);
const inboxStatusSchema = z.union([z.literal('all'), z.literal('open'), conversationStatusSchema]);
const inboxScopeSchema = z.enum(['all', 'mine', 'queue']);
export const inboxPageFilterSchema = z.object({
  channel: inboxChannelSchema.default('all'),
  status: inboxStatusSchema.default('open'),
  scope: inboxScopeSchema.default('all'),
});
export type InboxPageFilter = z.infer<typeof inboxPageFilterSchema>;
/** A page request's filter: what it leaves out is not filtered on. */
const inboxPageRequestFilterSchema = z.object({ channel: inboxChannelSchema.optional(), status: inboxStatusSchema.optional(), scope: inboxScopeSchema.optional() });

/**
 * What the inbox sorts and filters a conversation by, as the cache held it before a change: with it
 * the renderer moves a row inside the window it holds (or counts it above or below) without reloading.
 */
export const inboxRowStateSchema = conversationSchema.pick({
  id: true,
  priority: true,
  lastMessageAt: true,
  updatedAt: true,
  status: true,
  channel: true,
  assigneeId: true,
  queue: true,
});
export type InboxRowState = z.infer<typeof inboxRowStateSchema>;

export const conversationMetaSchema = z.object({
  conversationId: z.string(),
  /** When the oldest customer message still without a reply arrived; null when nothing is owed. */
  awaitingSince: z.number().nullable(),
  lastCustomerText: z.string().nullable(),
});
export type ConversationMeta = z.infer<typeof conversationMetaSchema>;

// Moved to the domain so the hub protocol can carry it too; re-exported for the contract's users.
export { agentAlertSchema, type AgentAlert } from '../domain/agent-alert';

/** The agent's inbox, conversations and offers, as the desktop host holds them. */
export const workspaceContract = defineContract({
  name: 'workspace',
  methods: {
    inbox: {
      input: z.object({}),
      output: z.object({ conversations: z.array(conversationSchema), customers: z.array(customerSchema), offers: z.array(offerSchema) }),
    },
    /**
     * The inbox in pages, so a desk with thousands of conversations stays under the RPC frame limit.
     * Each page carries the customers its conversations name; offers come with the first page.
     */
    inboxPage: {
      input: z.object({
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(INBOX_PAGE_LIMIT).default(INBOX_PAGE_LIMIT),
        /** Keyset paging: the rows after this one (a page's `next`); `offset` is then ignored. */
        after: inboxCursorSchema.nullable().default(null),
        /** Keyset paging upwards: the `limit` rows just above this one; `offset` and `after` are then ignored. */
        before: inboxCursorSchema.nullable().default(null),
        /** Without one, every conversation in the cache (the whole inbox). */
        filter: inboxPageRequestFilterSchema.default({}),
      }),
      output: z.object({
        conversations: z.array(conversationSchema),
        customers: z.array(customerSchema),
        offers: z.array(offerSchema),
        meta: z.array(conversationMetaSchema),
        total: z.number().int().nonnegative(),
        /** The place of the page's first row in the whole filtered inbox (0 at the top). */
        start: z.number().int().nonnegative().default(0),
        /** The cache's sync cursor when the page was read: changes with a later cursor are not in it yet. */
        cursor: z.number().int().nonnegative().default(0),
        next: inboxCursorSchema.nullable().default(null),
      }),
    },
    messages: { input: z.object({ conversationId: z.string().max(100) }), output: z.array(workspaceMessageSchema) },
    acceptOffer: { input: z.object({ offerId: z.string().max(100) }), output: z.object({}) },
    rejectOffer: { input: z.object({ offerId: z.string().max(100) }), output: z.object({}) },
    /** Text, files already uploaded through the attachments contract, or both. */
    sendMessage: {
      input: z
        .object({
          conversationId: z.string().max(100),
          text: z.string().trim().max(MAX_MESSAGE_TEXT).default(''),
          internal: z.boolean().default(false),
          attachments: z.array(attachmentSchema).max(MAX_MESSAGE_ATTACHMENTS).default([]),
        })
        .refine((m) => m.text.length > 0 || m.attachments.length > 0, { message: 'a message needs text or an attachment' }),
      output: workspaceMessageSchema,
    },
    setState: { input: z.object({ state: agentStateSchema, reason: z.string().max(100).nullable().default(null) }), output: z.object({}) },
    /** Sends a failed or stuck reply again under its original idempotency key, so it is never doubled. */
    retryMessage: { input: z.object({ conversationId: id, key: z.string().max(200) }), output: workspaceMessageSchema },
    /** Asks the hub to try again to deliver a reply whose delivery to the customer's channel failed (`channelDelivery.state`). */
    redeliverMessage: { input: z.object({ messageId: id }), output: z.object({}) },
    /** Full-text search of the offline cache (trigram index; one- and two-character terms match by substring), newest first. */
    search: {
      input: z.object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) }),
      output: z.object({
        messages: z.array(workspaceMessageSchema),
        conversations: z.array(conversationSchema),
        customers: z.array(customerSchema),
      }),
    },
    /** A pinned conversation is kept in the offline cache past the retention window. */
    pinConversation: { input: z.object({ conversationId: id, pinned: z.boolean() }), output: z.object({ pinned: z.boolean() }) },
    setTyping: { input: z.object({ conversationId: id, typing: z.boolean() }), output: z.object({}) },
    /** The hub's queues with their names and SLA targets (from the cache while offline); empty before any hub named them. */
    queues: { input: z.object({}), output: z.array(queueSlaSchema) },
    /** Agents and queues a conversation may be transferred to. */
    directory: { input: z.object({}), output: directorySchema },
    /** The hub's disposition codes; closing requires one. */
    dispositions: { input: z.object({}), output: z.array(dispositionSchema) },
    transfer: {
      input: z.object({ conversationId: id, target: transferTargetSchema, note: z.string().trim().max(1000).default('') }),
      output: z.object({}),
    },
    /** Written to the outbox: a disposition is never lost to a dropped connection. */
    close: { input: z.object({ conversationId: id, disposition: dispositionCodeSchema, note: z.string().trim().max(1000).default('') }), output: z.object({}) },
    customer360: { input: z.object({ customerId: id }), output: customer360ViewSchema },
    tagCustomer: {
      input: z.object({ customerId: id, add: z.array(z.string().trim().min(1).max(40)).max(20).default([]), remove: z.array(z.string().trim().min(1).max(40)).max(20).default([]) }),
      output: z.object({}),
    },
    createTicket: {
      input: z.object({
        conversationId: id,
        title: z.string().trim().min(1).max(200),
        description: z.string().trim().max(5000).default(''),
        priority: z.enum(ticketPriorities).default('normal'),
      }),
      output: ticketSchema,
    },
    acceptMerge: { input: z.object({ suggestionId: id }), output: z.object({}) },
    dismissMerge: { input: z.object({ suggestionId: id }), output: z.object({}) },
    undoMerge: { input: z.object({ mergeId: id }), output: z.object({}) },
    /** The phone's call-quality summary when a call ends; the hub keeps it on the call record. */
    reportCallQuality: { input: z.object({ sipCallId: z.string().min(1).max(200), quality: callQualitySchema }), output: z.object({}) },
    /**
     * Voice agitation from the call audio, mapped to a sentiment score (-1 most agitated, 0 calm);
     * it feeds the same smoothing and alerts as chat sentiment. Sent at most every few seconds per call.
     */
    reportVoiceSentiment: {
      input: z.object({ sipCallId: z.string().min(1).max(200), score: z.number().min(-1).max(1) }),
      output: z.object({}),
    },
    /** Start (queues whose policy is agent), pause or resume the call's recording, which rtpengine makes. */
    controlRecording: {
      input: z.object({ sipCallId: z.string().min(1).max(200), action: z.enum(['start', 'pause', 'resume']) }),
      output: z.object({}),
    },
    /**
     * One chunk of a call recording (WAV) from `offset`. Offset 0 fetches it from the hub, which checks
     * that the agent may hear it and writes the playback to the audit log; the later chunks come from that fetch.
     */
    readRecording: {
      input: z.object({ conversationId: id, recordingId: z.string().min(1).max(64), offset: z.number().int().nonnegative().default(0) }),
      output: z.object({ mimeType: z.string(), total: z.number().int().nonnegative(), offset: z.number().int().nonnegative(), data: z.string() }),
    },
  },
  events: {
    conversation: conversationSchema,
    /** A conversation the cache stored, with its inbox state before (null: new to the cache): the inbox's delta. */
    inboxChange: z.object({ conversation: conversationSchema, before: inboxRowStateSchema.nullable(), cursor: z.number().int().nonnegative() }),
    customer: customerSchema,
    message: workspaceMessageSchema,
    offer: offerSchema,
    offerRevoked: z.object({ offerId: z.string(), reason: z.string() }),
    /** The customer started or stopped typing in a conversation. */
    typing: z.object({ conversationId: z.string(), typing: z.boolean() }),
    /** A sentiment alert on one of this agent's own conversations: the conversation shows a banner. */
    alert: agentAlertSchema,
    /** From the hub's supervision: a supervisor joined, changed mode on, or left this agent's call; or took a chat over. */
    supervision: agentSupervisionNoticeSchema,
    /** The hub named its queues again (each welcome), or an offline start read them from the cache. */
    queues: z.array(queueSlaSchema),
  },
});
