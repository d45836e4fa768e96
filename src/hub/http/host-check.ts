import type { FastifyInstance } from 'fastify';
import { isIP } from 'node:net';

/** The host name in a Host header: brackets and port dropped, lower-cased. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const trimmed = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(trimmed);
  if (bracketed?.[1]) return bracketed[1];
  const m = /^([a-z0-9.-]{1,253})(?::\d{1,5})?$/.exec(trimmed);
  return m?.[1] ?? null;
}

/**
 * DNS rebinding: a page on evil.example points its own name at the hub's address and calls it from the victim's
 * browser. Such a request carries the attacker's name in Host, so the hub answers only to its configured names,
 * localhost and plain IP addresses (which a rebinding page cannot put there), and refuses the rest with 421.
 * Every route is covered, the WebSocket upgrades included.
 */
export function checkHostHeader(app: FastifyInstance, allowedHosts: readonly string[]): void {
  const allowed = new Set(['localhost', ...allowedHosts.map((h) => h.toLowerCase())]);
  app.addHook('onRequest', async (req, reply) => {
    const name = hostName(req.headers.host);
    if (name && (allowed.has(name) || isIP(name) !== 0)) return;
    // A refused WebSocket upgrade has left the HTTP server's care: end its socket once the answer is out.
    if (req.headers.upgrade) reply.raw.once('finish', () => req.raw.socket.destroy());
    // 421 Misdirected Request is HTTP's own answer to a wrong Host, not the status of an error code.
    return reply.header('connection', 'close').status(421).send({ error: { code: 'permission_denied', message: 'this hub does not answer to that host name' } });
  });
}
