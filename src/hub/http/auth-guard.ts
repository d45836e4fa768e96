import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain/agent';
import type { TokenIssuer } from '../auth/tokens';
import { sendError } from '../channels/channel-http';
import type { AgentRecord, HubStore } from '../store/hub-store';

/** The signed-in agent behind a bearer token, or a 401/403 already sent. */
export async function requireAgent(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: { tokens: TokenIssuer; store: HubStore },
  roles?: readonly Role[],
): Promise<AgentRecord | null> {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) {
    sendError(reply, 401, 'unauthenticated', 'a bearer token is required');
    return null;
  }
  const claims = await deps.tokens.verify(header.slice(7));
  const agent = claims.ok ? deps.store.agent(claims.value.sub) : null;
  if (!agent) {
    sendError(reply, 401, 'unauthenticated', claims.ok ? 'unknown agent' : claims.error.message);
    return null;
  }
  if (roles && !roles.includes(agent.role)) {
    sendError(reply, 403, 'permission_denied', 'your role may not do this');
    return null;
  }
  return agent;
}
