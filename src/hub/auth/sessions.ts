import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';
import type { AgentRecord, HubStore, SessionRecord } from '../store/hub-store';
import type { TokenIssuer, VerifiedClaims } from './tokens';

/** Why a session ended early; the agent's desktop is told in its `bye`. */
export type RevokeReason = 'signed_out' | 'password_changed' | 'disabled';

export interface Authenticated {
  agent: AgentRecord;
  session: SessionRecord;
  claims: VerifiedClaims;
}

/**
 * Sign-ins as stored sessions. A token is good only while its session is: not revoked, not past its absolute
 * lifetime, its agent not disabled. Refreshing never carries a session past that lifetime, and nothing issued
 * for it (tokens, SIP credentials) outlives it.
 */
export function createSessions(opts: { store: HubStore; tokens: TokenIssuer; maxAgeSeconds: number; now?: () => number }) {
  const { store, tokens } = opts;
  const now = opts.now ?? Date.now;
  const revoked = new Set<(agentId: string, sessionIds: string[], reason: RevokeReason) => void>();
  const announce = (agentId: string, ids: string[], reason: RevokeReason): void => {
    if (ids.length > 0) revoked.forEach((listener) => listener(agentId, ids, reason));
  };

  return {
    start(agent: AgentRecord): SessionRecord {
      const at = now();
      const session: SessionRecord = { id: randomBytes(16).toString('base64url'), agentId: agent.id, createdAt: at, expiresAt: at + opts.maxAgeSeconds * 1000, revokedAt: null };
      store.insertSession(session);
      return session;
    },
    issue: (agent: AgentRecord, session: SessionRecord) => tokens.issue({ sub: agent.id, role: agent.role, sid: session.id }, session.expiresAt),
    async authenticate(token: string): Promise<Result<Authenticated>> {
      const claims = await tokens.verify(token);
      if (!claims.ok) return claims;
      const session = store.session(claims.value.sid);
      if (!session || session.agentId !== claims.value.sub) return err('unauthenticated', 'unknown session: sign in again');
      if (session.revokedAt !== null) return err('unauthenticated', 'this sign-in was ended: sign in again');
      if (session.expiresAt <= now()) return err('unauthenticated', 'this sign-in has run its course: sign in again');
      const agent = store.agent(claims.value.sub);
      if (!agent || agent.disabledAt) return err('unauthenticated', 'this account cannot sign in');
      return ok({ agent, session, claims: claims.value });
    },
    revoke(session: SessionRecord, reason: RevokeReason): void {
      if (store.revokeSession(session.id, reason, now())) announce(session.agentId, [session.id], reason);
    },
    revokeAgent(agentId: string, reason: RevokeReason, keep?: string): void {
      announce(agentId, store.revokeAgentSessions(agentId, reason, now(), keep), reason);
    },
    /** Sockets close at once when their session is revoked. */
    onRevoked(listener: (agentId: string, sessionIds: string[], reason: RevokeReason) => void): () => void {
      revoked.add(listener);
      return () => revoked.delete(listener);
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;
