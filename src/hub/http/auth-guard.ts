import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain/agent';
import type { Authenticated, Sessions } from '../auth/sessions';
import { sendError } from '../channels/channel-http';
import type { AgentRecord } from '../store/hub-store';

/** The signed-in agent and their live session behind a bearer token, or a 401/403 already sent. */
export async function requireSession(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: { sessions: Sessions },
  roles?: readonly Role[],
): Promise<Authenticated | null> {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) {
    sendError(reply, 'unauthenticated', 'a bearer token is required');
    return null;
  }
  const found = await deps.sessions.authenticate(header.slice(7));
  if (!found.ok) {
    sendError(reply, 'unauthenticated', found.error.message);
    return null;
  }
  // The stored role decides, not the token's: a supervisor demoted a minute ago is an agent now.
  if (roles && !roles.includes(found.value.agent.role)) {
    sendError(reply, 'permission_denied', 'your role may not do this');
    return null;
  }
  return found.value;
}

export async function requireAgent(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: { sessions: Sessions },
  roles?: readonly Role[],
): Promise<AgentRecord | null> {
  return (await requireSession(req, reply, deps, roles))?.agent ?? null;
}
