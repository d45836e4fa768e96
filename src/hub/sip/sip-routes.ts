/**
 * The hub's telephony HTTP API, called by Kamailio (http_client):
 *   GET  /sip/route?queue=&caller=&callid=&origin=   what a dialled number is: which agent
 *        takes a call to a queue number or DID, or (from staff) an external number to dial out
 *   POST /sip/events                          ringing/answered/ended/missed
 *   GET  /sip/transfer?callid=&newcallid=&sipuser=&referrer=   an agent's REFER moves a trunk call's
 *        conversation to the target (403 when the referrer does not hold the call)
 * Both require the header X-Switchboard-Sip-Secret to equal the shared SIP
 * secret (the same one Kamailio's auth_ephemeral uses). A secret header
 * rather than a loopback check, because in production Kamailio and the hub
 * are usually on different hosts.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeZodError } from '../../shared/result';
import { sendError } from '../channels/channel-http';

export const SIP_SECRET_HEADER = 'x-switchboard-sip-secret';

/**
 * agent: ring this SIP user (conversationId: the voice conversation the call belongs to, which
 * Kamailio passes on as X-Switchboard-Conversation). queue: nobody free yet. busy: refuse.
 * external: dial this E.164 number through the outbound gateways.
 */
export type RouteDecision =
  | { action: 'agent'; sipUser: string; conversationId?: string }
  | { action: 'queue'; conversationId?: string; maxWaitSeconds?: number }
  | { action: 'busy' }
  | { action: 'external'; number: string; conversationId?: string };

/**
 * Where a call to a number comes from: the carrier trunk, a customer's browser, an agent's phone,
 * or a website visitor's "Call us" (a `web-` SIP user the hub minted; Kamailio lets it dial queue numbers only).
 */
export type CallOrigin = 'trunk' | 'web' | 'staff' | 'visitor';

export interface RouteQuery {
  /** The dialled number as Kamailio saw it (a queue number, a DID, or an external number). */
  queueNumber: string;
  /** The caller's SIP user: a caller ID from the trunk, a customer's or an agent's SIP user. */
  caller: string;
  callId: string;
  origin: CallOrigin;
  /** The caller's From-tag: rtpengine names the party that pressed a key by it. */
  fromTag?: string;
}

export type CallEventKind = 'ringing' | 'answered' | 'ended' | 'missed';

export interface CallEvent {
  callId: string;
  event: CallEventKind;
  /** The customer's SIP user (caller id). */
  caller: string;
  /** The agent the call was routed to, when Kamailio knows it. */
  sipUser?: string;
  /** Epoch milliseconds when Kamailio saw the event. */
  at: number;
}

export interface SipRouteDeps {
  /** Shared with Kamailio: auth_ephemeral HMAC key and this API's header secret. */
  secret: string;
  /** SIP domain, e.g. "switchboard.test". */
  domain: string;
  /** The hub's routing decision for a call arriving on a queue number. */
  routeCall(call: RouteQuery): Promise<RouteDecision>;
  /** Kamailio holds a waiting caller's INVITE suspended as this transaction. */
  callWaiting?(call: { callId: string; tindex: number; tlabel: number; fromTag?: string; sdp?: string }): Promise<{ sdp?: string }>;
  /** A call routed through a queue changed state. Must be idempotent (Kamailio may repeat "ringing"). */
  callEvent(event: CallEvent): Promise<void>;
  /**
   * The customer's phone called a transfer target (after the agent's REFER): the conversation follows.
   * `referrer` is the SIP user whose phone sent the REFER; refused when that agent does not hold the call.
   */
  callTransferred?(transfer: { callId: string; newCallId: string; sipUser: string; referrer: string }): { conversationId: string } | { refused: string } | null;
}

const sipToken = z.string().min(1).max(128).regex(/^[A-Za-z0-9._~+@:-]+$/);

const routeQuerySchema = z.object({
  queue: z.string().regex(/^\+?[0-9]{1,32}$/),
  caller: sipToken,
  callid: z.string().min(1).max(256),
  origin: z.enum(['trunk', 'web', 'staff', 'visitor']).default('web'),
  fromtag: z.string().max(128).optional(),
});

const waitingBodySchema = z.object({
  callId: z.string().min(1).max(256),
  tindex: z.number().int().nonnegative(),
  tlabel: z.number().int().nonnegative(),
  fromTag: z.string().max(128).optional(),
  /** The caller's SDP offer, base64 (Kamailio cannot escape CRLF for JSON). */
  sdp: z.string().max(16_384).optional(),
});

const eventBodySchema = z.object({
  callId: z.string().min(1).max(256),
  event: z.enum(['ringing', 'answered', 'ended', 'missed']),
  caller: z.string().max(128),
  sipUser: z.string().max(64).optional(),
  /** Unix seconds (may be fractional); the receipt time when absent. */
  at: z.number().positive().optional(),
});

const transferQuerySchema = z.object({
  callid: z.string().min(1).max(256),
  newcallid: z.string().min(1).max(256),
  sipuser: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  /** The SIP user whose phone sent the REFER (Kamailio's party check named it). */
  referrer: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
});

const conversationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const routeDecisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('agent'), sipUser: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/), conversationId: conversationId.optional() }),
  z.object({ action: z.literal('queue'), conversationId: conversationId.optional(), maxWaitSeconds: z.number().int().positive().optional() }),
  z.object({ action: z.literal('busy') }),
  z.object({ action: z.literal('external'), number: z.string().regex(/^\+[0-9]{3,20}$/), conversationId: conversationId.optional() }),
]);

function secretMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function badRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return sendError(reply, 'invalid_argument', describeZodError(error));
}

export function registerSipRoutes(app: FastifyInstance, deps: SipRouteDeps): void {
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!secretMatches(deps.secret, request.headers[SIP_SECRET_HEADER])) {
      await sendError(reply, 'unauthenticated', 'missing or wrong SIP secret header');
    }
  };

  app.get('/sip/route', { onRequest: guard }, async (request, reply) => {
    const query = routeQuerySchema.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    const decision = routeDecisionSchema.parse(
      await deps.routeCall({
        queueNumber: query.data.queue,
        caller: query.data.caller,
        callId: query.data.callid,
        origin: query.data.origin,
        ...(query.data.fromtag ? { fromTag: query.data.fromtag } : {}),
      }),
    );
    return reply.code(200).send(decision);
  });

  app.post('/sip/waiting', { onRequest: guard }, async (request, reply) => {
    const body = waitingBodySchema.safeParse(request.body);
    if (!body.success) return badRequest(reply, body.error);
    const { sdp, ...call } = body.data;
    const answer = (await deps.callWaiting?.({ ...call, ...(sdp ? { sdp: Buffer.from(sdp, 'base64').toString('utf8') } : {}) })) ?? {};
    return answer.sdp ? reply.code(200).send({ sdp: answer.sdp }) : reply.code(204).send();
  });

  // Kamailio asks when the carrier calls a transfer target through the trunk; the answer names the
  // conversation the new call belongs to ({} when none), which Kamailio puts in the INVITE.
  app.get('/sip/transfer', { onRequest: guard }, async (request, reply) => {
    const query = transferQuerySchema.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    const found =
      deps.callTransferred?.({ callId: query.data.callid, newCallId: query.data.newcallid, sipUser: query.data.sipuser, referrer: query.data.referrer }) ?? null;
    // [#17 C16] Only the agent holding the call may transfer it: Kamailio refuses the REFER on 403.
    if (found && 'refused' in found) return sendError(reply, 'permission_denied', found.refused);
    return reply.code(200).send(found ?? {});
  });

  app.post('/sip/events', { onRequest: guard }, async (request, reply) => {
    const body = eventBodySchema.safeParse(request.body);
    if (!body.success) return badRequest(reply, body.error);
    const { at, sipUser, ...rest } = body.data;
    await deps.callEvent({
      ...rest,
      // Kamailio sends "" when it has no agent for the event.
      ...(sipUser ? { sipUser } : {}),
      at: at === undefined ? Date.now() : Math.round(at * 1000),
    });
    return reply.code(204).send();
  });
}
