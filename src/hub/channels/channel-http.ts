import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../shared/result';
import type { HubStore } from '../store/hub-store';
import type { RateLimiter } from './rate-limit';

export const SIGNATURE_HEADER = 'x-switchboard-signature';

export function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string): FastifyReply {
  return reply.status(status).send({ error: { code, message } });
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

/** `sha256=<hex>` over the raw body. */
export function validSignature(secret: string, body: Buffer, header: unknown): boolean {
  if (typeof header !== 'string' || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  return safeEqual(header.slice(7).toLowerCase(), hmacHex(secret, body));
}

const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Shared guard for signed channel endpoints: rate limit, raw body present, signature.
 * Answers the refusal itself and returns false when the request must not go on.
 */
export function guardSignedRequest(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { limiter: RateLimiter; secret: string | undefined; signature: () => unknown },
): boolean {
  if (!opts.limiter.take(`${req.ip}:${req.routeOptions.url ?? req.url}`)) {
    sendError(reply, 429, 'rate_limited', 'too many requests, slow down');
    return false;
  }
  if (!opts.secret) {
    sendError(reply, 403, 'permission_denied', 'this channel is not configured on the hub');
    return false;
  }
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
    sendError(reply, 400, 'invalid_argument', 'the request has no body');
    return false;
  }
  if (!validSignature(opts.secret, req.body, opts.signature())) {
    sendError(reply, 401, 'unauthenticated', 'missing or wrong signature');
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
  store.forgetSignaturesBefore(at - REPLAY_WINDOW_MS);
  if (store.rememberSignature(replayKey, at)) return false;
  sendError(reply, 409, 'conflict', 'this request was already received (replay)');
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
