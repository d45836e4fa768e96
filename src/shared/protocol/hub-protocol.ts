import { z } from 'zod';
import { agentProfileSchema, agentStateSchema } from '../domain/agent';
import { messageTextSchema } from '../domain/message';
import { offerSchema } from '../domain/offer';
import { appErrorSchema } from '../result';
import { hubEventSchema } from './hub-events';

/** Bumped on any incompatible change; the hub refuses other versions with a clear error. */
export const HUB_PROTOCOL_VERSION = 1;
export const MAX_HUB_FRAME_BYTES = 256 * 1024;
export const SYNC_PAGE_LIMIT = 500;

const v = z.literal(HUB_PROTOCOL_VERSION);

/** Idempotency keys are made by the client; the hub answers a repeated key with the first result. */
export const idempotencyKeySchema = z.string().min(8).max(100).regex(/^[A-Za-z0-9_.:-]+$/);

export const hubCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer.accept'), offerId: z.string().max(100) }),
  z.object({ kind: z.literal('offer.reject'), offerId: z.string().max(100) }),
  z.object({
    kind: z.literal('message.send'),
    conversationId: z.string().max(100),
    text: messageTextSchema,
    internal: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('agent.state'), state: agentStateSchema, reason: z.string().max(100).nullable().default(null) }),
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
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type ClientFrameInput = z.input<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ v, type: z.literal('welcome'), agent: agentProfileSchema, headSeq: z.number().int().nonnegative() }),
  z.object({
    v,
    type: z.literal('events'),
    events: z.array(hubEventSchema),
    /** The last sequence number this page covered, visible to the agent or not: the next cursor. */
    through: z.number().int().nonnegative(),
    headSeq: z.number().int().nonnegative(),
    more: z.boolean(),
  }),
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
  z.object({ v, type: z.literal('bye'), reason: z.enum(['replaced', 'expired', 'shutdown']), message: z.string() }),
]);
export type HubServerFrame = z.infer<typeof serverFrameSchema>;
export type HubServerFrameInput = z.input<typeof serverFrameSchema>;

/** HTTP login: password in, short-lived signed token out. */
export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.number(),
  agent: agentProfileSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
