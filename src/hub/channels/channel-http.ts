import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { httpStatusOf } from '../../shared/http-status';
import type { ErrorCode } from '../../shared/result';
import type { HubStore } from '../store/hub-store';
import type { Budget } from '../http/limits';

export const SIGNATURE_HEADER = 'x-switchboard-signature';

/** Answers a refused request with the status its code has in the one table (src/shared/http-status.ts). */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  return reply.status(httpStatusOf(code)).send({ error: { code, message } });
}

/** Channel bodies are checked against their signature byte for byte, so they are read raw, never re-serialized. */
export function rawBodies(app: FastifyInstance, types: string[], bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
}

export function hmacHex(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A signed channel request may be this old or this far ahead; its signature is remembered as long. */
export const SIGNATURE_SKEW_SECONDS = 300;
const SIGNED_HEADER = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/i;

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.context.body">`: the time and what the request is for (`webhook:<platform>`
 * or `email`) are signed with the body, so a signature works only for that endpoint and only for a few minutes.
 */
export function signChannelBody(secret: string, context: string, body: Buffer | string, at: number): string {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${context}.`).update(body).digest('hex')}`;
}

export function validSignature(secret: string, context: string, body: Buffer, header: unknown, nowMs: number): boolean {
  const m = typeof header === 'string' ? SIGNED_HEADER.exec(header) : null;
  if (!m?.[1] || !m[2]) return false;
  const at = Number(m[1]);
  if (Math.abs(nowMs / 1000 - at) > SIGNATURE_SKEW_SECONDS) return false;
  return safeEqual(signChannelBody(secret, context, body, at), `t=${m[1]},v1=${m[2].toLowerCase()}`);
}

/**
 * Shared guard for signed channel endpoints: secret configured, raw body present, signature, and only then the
 * source's budget, so junk from one sender (or from everyone behind one proxy) cannot use up real traffic's share.
 * Answers the refusal itself and returns false when the request must not go on.
 */
export async function guardSignedRequest(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { limiter: Budget; secret: string | undefined; context: string; signature: () => unknown; now?: () => number },
): Promise<boolean> {
  if (!opts.secret) {
    sendError(reply, 'permission_denied', 'this channel is not configured on the hub');
    return false;
  }
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    sendError(reply, 'invalid_argument', 'the request has no body');
    return false;
  }
  if (!validSignature(opts.secret, opts.context, req.body, opts.signature(), (opts.now ?? Date.now)())) {
    // Unsigned junk spends its sender's own budget, never the channel's.
    if (!(await opts.limiter.take(`refused:${req.ip}`))) sendError(reply, 'rate_limited', 'too many refused requests, slow down');
    else sendError(reply, 'unauthenticated', 'missing, wrong or expired signature');
    return false;
  }
  if (!(await opts.limiter.take(`${opts.context}:${req.ip}`))) {
    sendError(reply, 'rate_limited', 'too many requests, slow down');
    return false;
  }
  return true;
}

/**
 * Refuses an exact replay of a signed request that was already accepted. Called only once the
 * body is valid, so a refused request leaves nothing behind.
 */
export function rejectReplay(reply: FastifyReply, store: HubStore, replayKey: string): boolean {
  const at = Date.now();
  // A signature older than the skew is refused anyway, so it need not be remembered longer; message ids dedupe beyond.
  store.forgetSignaturesBefore(at - 2 * SIGNATURE_SKEW_SECONDS * 1000);
  if (store.rememberSignature(replayKey, at)) return false;
  sendError(reply, 'conflict', 'this request was already received (replay)');
  return true;
}

/** Parses a raw JSON body; null when it is not JSON. */
export function parseJson(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return null;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
