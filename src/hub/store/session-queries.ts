import type { SessionQueries, SessionRecord } from './hub-store';
import type { QueryFn } from './sqlite-query';

const fromRow = (r: { id: string; agent_id: string; created_at: number; expires_at: number; revoked_at: number | null }): SessionRecord => ({
  id: r.id,
  agentId: r.agent_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

export function sessionQueries(q: QueryFn): SessionQueries {
  return {
    insertSession(s) {
      q('INSERT INTO sessions (id, agent_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?)').run(s.id, s.agentId, s.createdAt, s.expiresAt, s.revokedAt);
    },
    session: (id) => {
      const r = q<Parameters<typeof fromRow>[0]>('SELECT * FROM sessions WHERE id = ?').get(id);
      return r ? fromRow(r) : null;
    },
    revokeSession: (id, reason, at) =>
      q('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL').run(at, reason, id).changes === 1,
    revokeAgentSessions(agentId, reason, at, keep) {
      const ids = q<{ id: string }>('SELECT id FROM sessions WHERE agent_id = ? AND revoked_at IS NULL AND expires_at > ? AND id != ?')
        .all(agentId, at, keep ?? '')
        .map((r) => r.id);
      for (const id of ids) q('UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ?').run(at, reason, id);
      return ids;
    },
  };
}
