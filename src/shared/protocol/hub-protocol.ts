import { z } from 'zod';
import { agentProfileSchema, agentStateSchema } from '../domain/agent';
import { agentAlertSchema } from '../domain/agent-alert';
import { callQualitySchema } from '../domain/call';
import { channelSchema } from '../domain/channel';
import { dispositionCodeSchema } from '../domain/disposition';
import { MAX_MESSAGE_TEXT } from '../domain/message';
import { ticketPriorities } from '../domain/ticket';
import { offerSchema } from '../domain/offer';
import { queueSlaSchema } from '../domain/queue-sla';
import { appErrorSchema } from '../result';
import { redactText } from '../redact';
import { agentSupervisionNoticeSchema } from './supervisor-protocol';
import { hubEventSchema } from './hub-events';

/** Bumped on any incompatible change; the hub refuses other versions with a clear error. */
export const HUB_PROTOCOL_VERSION = 2;
export const MAX_HUB_FRAME_BYTES = 256 * 1024;
export const SYNC_PAGE_LIMIT = 500;

const v = z.literal(HUB_PROTOCOL_VERSION);

/** Idempotency keys are made by the client; the hub answers a repeated key with the first result. */
export const idempotencyKeySchema = z.string().min(8).max(100).regex(/^[A-Za-z0-9_.:-]+$/);

const idSchema = z.string().min(1).max(100);
const sipCallIdSchema = z.string().min(1).max(200);
/** Free text an agent types outside a message (tags, ticket fields, notes): ID and card numbers masked on arrival. */
const maskedText = (schema: z.ZodString) => schema.transform(redactText);
const tagSchema = maskedText(z.string().trim().min(1).max(40));
const tagChangeSchema = {
  add: z.array(tagSchema).max(20).default([]),
  remove: z.array(tagSchema).max(20).default([]),
};

export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: idSchema }),
  z.object({ kind: z.literal('queue'), queue: idSchema }),
]);
export type TransferTarget = z.infer<typeof transferTargetSchema>;

export const hubCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer.accept'), offerId: idSchema }),
  z.object({ kind: z.literal('offer.reject'), offerId: idSchema }),
  z
    .object({
      kind: z.literal('message.send'),
      conversationId: idSchema,
      /** May be empty when the message carries files (a pasted screenshot on its own). */
      text: z.string().trim().max(MAX_MESSAGE_TEXT).default(''),
      internal: z.boolean().default(false),
      /** Send on this channel instead of the one the customer last used; the customer must have an identity there. */
      channel: channelSchema.optional(),
      /** Files uploaded first through POST /api/attachments. */
      attachmentIds: z.array(idSchema).max(10).optional(),
    })
    .refine((m) => m.text.length > 0 || (m.attachmentIds?.length ?? 0) > 0, { message: 'a message needs text or an attachment' }),
  /** Tries again to deliver a reply whose delivery to the customer's channel failed. */
  z.object({ kind: z.literal('message.redeliver'), messageId: idSchema }),
  z.object({ kind: z.literal('agent.state'), state: agentStateSchema, reason: z.string().max(100).nullable().default(null) }),
  z.object({
    kind: z.literal('conversation.transfer'),
    conversationId: idSchema,
    target: transferTargetSchema,
    /** Shown to the receiving agent as an internal note. */
    note: maskedText(z.string().trim().max(1000)).optional(),
  }),
  z.object({
    kind: z.literal('conversation.close'),
    conversationId: idSchema,
    /** Required: a code from GET /api/dispositions. Also sets the disposition of a call that already ended. */
    disposition: dispositionCodeSchema,
    note: maskedText(z.string().trim().max(1000)).optional(),
  }),
  z.object({ kind: z.literal('conversation.tag'), conversationId: idSchema, ...tagChangeSchema }),
  z.object({ kind: z.literal('customer.tag'), customerId: idSchema, ...tagChangeSchema }),
  z.object({
    kind: z.literal('ticket.create'),
    conversationId: idSchema,
    title: maskedText(z.string().trim().min(1).max(200)),
    description: maskedText(z.string().trim().max(5000)).default(''),
    priority: z.enum(ticketPriorities).default('normal'),
  }),
  z.object({ kind: z.literal('merge.accept'), suggestionId: idSchema }),
  z.object({ kind: z.literal('merge.dismiss'), suggestionId: idSchema }),
  z.object({ kind: z.literal('merge.undo'), mergeId: idSchema }),
  /** Supervisors only: the conversation moves to the supervisor, the agent is told through the conversation event. */
  z.object({ kind: z.literal('conversation.takeover'), conversationId: idSchema }),
  /** The phone's quality summary when a call ends: kept on the call record. Only the call's assignee may send it. */
  z.object({ kind: z.literal('call.quality'), sipCallId: sipCallIdSchema, quality: callQualitySchema }),
  /**
   * Voice agitation as a sentiment score (-1 most agitated); feeds the same smoothing and alerts as text.
   * Worthless later, so desktops send it directly (never queued) and the hub keeps no idempotency record of it.
   */
  z.object({ kind: z.literal('call.sentiment'), sipCallId: sipCallIdSchema, score: z.number().min(-1).max(1) }),
  /** The call's recording, by its assignee: start (queues whose policy is agent), pause (say, for a card number) and resume. */
  z.object({ kind: z.literal('call.recording'), sipCallId: sipCallIdSchema, action: z.enum(['start', 'pause', 'resume']) }),
]);
export type HubCommand = z.infer<typeof hubCommandSchema>;
export type HubCommandInput = z.input<typeof hubCommandSchema>;

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({ v, type: z.literal('hello'), token: z.string().max(4096), cursor: z.number().int().nonnegative() }),
  z.object({
    v,
    type: z.literal('sync'),
    after: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(SYNC_PAGE_LIMIT),
  }),
  z.object({ v, type: z.literal('command'), key: idempotencyKeySchema, command: hubCommandSchema }),
  z.object({ v, type: z.literal('ping'), nonce: z.number().int() }),
  /** A refreshed token for the open socket: without one before the current token lapses, the hub says `bye: expired`. */
  z.object({ v, type: z.literal('token'), token: z.string().max(4096) }),
  /** Ephemeral: not stored, not acknowledged, not replayed by sync. */
  z.object({ v, type: z.literal('typing'), conversationId: idSchema, active: z.boolean() }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type ClientFrameInput = z.input<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({
    v,
    type: z.literal('welcome'),
    agent: agentProfileSchema,
    /** The head of this agent's feed (positions count per feed: a desktop's cursor is a position in its own feed). */
    headSeq: z.number().int().nonnegative(),
    /**
     * Every queue with its name and SLA targets, for the desktop's countdowns and labels. Optional:
     * hubs before it did not send it, and a desktop then keeps what it last knew or its own defaults.
     */
    queues: z.array(queueSlaSchema).optional(),
  }),
  z.object({
    v,
    type: z.literal('events'),
    events: z.array(hubEventSchema),
    /** The last feed position this page covered: the next cursor. */
    through: z.number().int().nonnegative(),
    headSeq: z.number().int().nonnegative(),
    more: z.boolean(),
  }),
  /** The agent's feed advanced: the next event in it (its `seq` is its position in this agent's feed). */
  z.object({ v, type: z.literal('event'), event: hubEventSchema }),
  z.object({
    v,
    type: z.literal('ack'),
    key: z.string(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: appErrorSchema }),
    ]),
  }),
  z.object({ v, type: z.literal('offer'), offer: offerSchema }),
  z.object({ v, type: z.literal('offer.revoked'), offerId: z.string(), reason: z.enum(['timeout', 'taken', 'rejected', 'withdrawn']) }),
  z.object({ v, type: z.literal('agent'), agent: agentProfileSchema }),
  z.object({ v, type: z.literal('pong'), nonce: z.number().int() }),
  z.object({ v, type: z.literal('error'), error: appErrorSchema }),
  /** Ephemeral: someone in a conversation the agent can see started or stopped typing. */
  z.object({
    v,
    type: z.literal('typing'),
    conversationId: z.string(),
    from: z.enum(['customer', 'agent']),
    agentId: z.string().nullable(),
    active: z.boolean(),
  }),
  z.object({ v, type: z.literal('supervision'), notice: agentSupervisionNoticeSchema }),
  /** Ephemeral: a sentiment alert on a conversation assigned to this agent (the conversation shows a banner). */
  z.object({ v, type: z.literal('alert'), alert: agentAlertSchema }),
  /** The socket is over: another sign-in took it, its token lapsed, the hub stops, or the session was ended. */
  z.object({
    v,
    type: z.literal('bye'),
    reason: z.enum(['replaced', 'expired', 'shutdown', 'signed_out', 'password_changed', 'disabled']),
    message: z.string(),
  }),
]);
export type HubServerFrame = z.infer<typeof serverFrameSchema>;
export type HubServerFrameInput = z.input<typeof serverFrameSchema>;

/** HTTP login: password in, short-lived signed token out. */
export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
/** Ephemeral SIP credentials (Kamailio auth_ephemeral); present when the hub is configured for telephony. */
export const sipLoginCredentialsSchema = z.object({
  authorizationUsername: z.string(),
  password: z.string(),
  uri: z.string(),
  wsUrl: z.string(),
  expiresAt: z.number(),
});
export type SipLoginCredentials = z.infer<typeof sipLoginCredentialsSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.number(),
  agent: agentProfileSchema,
  sip: sipLoginCredentialsSchema.optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
