import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from '../channels/channel-http';
import type { HubMetrics } from './hub-metrics';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The TCP peer itself, never X-Forwarded-For: a proxy on the same host must not make the internet "local". */
function fromLoopback(req: FastifyRequest): boolean {
  const peer = (req.raw.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return peer === '::1' || (isIP(peer) === 4 && peer.startsWith('127.'));
}

/**
 * `GET /metrics` for Prometheus. With METRICS_TOKEN set, a scraper must send `Authorization: Bearer <token>`
 * (any address); without it, only a scraper on the hub's own host (loopback) is answered.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: HubMetrics, token: string | undefined): void {
  const expected = token ? digest(`Bearer ${token}`) : null;
  app.get('/metrics', async (req, reply) => {
    if (expected) {
      if (!timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
        void reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendError(reply, 'unauthenticated', 'metrics need the bearer token (METRICS_TOKEN)');
      }
    } else if (!fromLoopback(req)) {
      return sendError(reply, 'permission_denied', 'metrics are served to this host only; set METRICS_TOKEN to scrape from elsewhere');
    }
    return reply.type(metrics.contentType).header('cache-control', 'no-store').send(await metrics.render());
  });
}
