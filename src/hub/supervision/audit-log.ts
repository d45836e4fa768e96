import type Database from 'better-sqlite3';
import type { SupervisionSession } from '../../shared/protocol/supervisor-protocol';

export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  at: number;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  outcome: AuditOutcome;
  sessionId?: string | null;
  conversationId?: string | null;
  /** Why, in a few words; never message text or tokens. */
  detail?: string | null;
}

export interface AuditRow extends Required<AuditEntry> {
  seq: number;
}

export interface SessionRow {
  id: string;
  kind: 'call' | 'chat';
  supervisorId: string;
  agentId: string | null;
  conversationId: string;
  modes: string[];
  startedAt: number;
  endedAt: number | null;
  endReason: string | null;
}

/** Who supervised what, when, in which modes; and every refusal. Append-only apart from a session's end. */
export interface AuditLog {
  record(entry: AuditEntry): void;
  saveSession(session: SupervisionSession, endReason?: string | null): void;
  sessions(since: number): SessionRow[];
  entries(since: number): AuditRow[];
}

export function createAuditLog(db: Database.Database): AuditLog {
  const insert = db.prepare(
    `INSERT INTO supervision_audit (at, actor_id, actor_role, action, outcome, session_id, conversation_id, detail)
     VALUES (@at, @actorId, @actorRole, @action, @outcome, @sessionId, @conversationId, @detail)`,
  );
  const upsertSession = db.prepare(
    `INSERT INTO supervision_sessions (id, kind, supervisor_id, agent_id, conversation_id, modes, started_at, ended_at, end_reason)
     VALUES (@id, @kind, @supervisorId, @agentId, @conversationId, @modes, @startedAt, @endedAt, @endReason)
     ON CONFLICT(id) DO UPDATE SET modes = excluded.modes, agent_id = excluded.agent_id,
       ended_at = excluded.ended_at, end_reason = COALESCE(excluded.end_reason, end_reason)`,
  );
  const sessionsSince = db.prepare('SELECT * FROM supervision_sessions WHERE started_at >= ? ORDER BY started_at, id');
  const entriesSince = db.prepare('SELECT * FROM supervision_audit WHERE at >= ? ORDER BY seq');
  return {
    record(entry) {
      if (!db.open) return;
      insert.run({
        at: entry.at,
        actorId: entry.actorId,
        actorRole: entry.actorRole,
        action: entry.action,
        outcome: entry.outcome,
        sessionId: entry.sessionId ?? null,
        conversationId: entry.conversationId ?? null,
        detail: entry.detail ?? null,
      });
    },
    saveSession(session, endReason = null) {
      if (!db.open) return;
      upsertSession.run({
        id: session.id,
        kind: session.kind,
        supervisorId: session.supervisorId,
        agentId: session.agentId,
        conversationId: session.conversationId,
        modes: JSON.stringify(session.modes),
        startedAt: session.startedAt,
        endedAt: session.endedAt,
        endReason,
      });
    },
    sessions(since) {
      return (sessionsSince.all(since) as Array<Record<string, unknown>>).map((r) => ({
        id: String(r.id),
        kind: r.kind === 'call' ? 'call' : 'chat',
        supervisorId: String(r.supervisor_id),
        agentId: r.agent_id === null ? null : String(r.agent_id),
        conversationId: String(r.conversation_id),
        modes: JSON.parse(String(r.modes)) as string[],
        startedAt: Number(r.started_at),
        endedAt: r.ended_at === null ? null : Number(r.ended_at),
        endReason: r.end_reason === null ? null : String(r.end_reason),
      }));
    },
    entries(since) {
      return (entriesSince.all(since) as Array<Record<string, unknown>>).map((r) => ({
        seq: Number(r.seq),
        at: Number(r.at),
        actorId: r.actor_id === null ? null : String(r.actor_id),
        actorRole: r.actor_role === null ? null : String(r.actor_role),
        action: String(r.action),
        outcome: r.outcome as AuditOutcome,
        sessionId: r.session_id === null ? null : String(r.session_id),
        conversationId: r.conversation_id === null ? null : String(r.conversation_id),
        detail: r.detail === null ? null : String(r.detail),
      }));
    },
  };
}
