import type { AgentQueries, AgentRecord, AgentViewer, QueueQueries, QueueRecord } from './hub-store';
import { DEFAULT_REPLY_SECONDS } from '../../shared/domain/queue-sla';
import { agentFromRow, queueFromRow } from './row-mappers';
import type { QueryFn } from './sqlite-query';

export function agentQueries(q: QueryFn): AgentQueries {
  /** Role and queues change only when an agent row is written, which this module does: read once, dropped on a write. */
  let viewers: AgentViewer[] | null = null;
  return {
    viewers() {
      viewers ??= q('SELECT * FROM agents ORDER BY username').all().map(agentFromRow).map(({ id, role, queues }) => ({ id, role, queues }));
      return viewers;
    },
    insertAgent(a: AgentRecord) {
      viewers = null;
      q(
        `INSERT INTO agents (id, username, display_name, role, password_hash, skills, queues, capacity, state, state_reason,
           state_since, state_until, sip_user, idle_since)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        a.id, a.username, a.displayName, a.role, a.passwordHash, JSON.stringify(a.skills), JSON.stringify(a.queues), a.capacity,
        a.state, a.stateReason, a.stateSince, a.stateUntil ?? null, a.sipUser ?? null, a.idleSince,
      );
    },
    agentByUsername: (username) => {
      const r = q('SELECT * FROM agents WHERE username = ?').get(username);
      return r ? agentFromRow(r) : null;
    },
    agentBySipUser: (sipUser) => {
      const r = q('SELECT * FROM agents WHERE sip_user = ?').get(sipUser);
      return r ? agentFromRow(r) : null;
    },
    agent: (id) => {
      const r = q('SELECT * FROM agents WHERE id = ?').get(id);
      return r ? agentFromRow(r) : null;
    },
    agents: () => q('SELECT * FROM agents ORDER BY username').all().map(agentFromRow),
    setAgentState(id, state, reason, at, until = null) {
      q('UPDATE agents SET state = ?, state_reason = ?, state_since = ?, state_until = ? WHERE id = ?').run(state, reason, at, until, id);
    },
    setIdleSince(id, at) {
      q('UPDATE agents SET idle_since = ? WHERE id = ?').run(at, id);
    },
    setAgentPassword(id, passwordHash) {
      q('UPDATE agents SET password_hash = ? WHERE id = ?').run(passwordHash, id);
    },
    setAgentDisabled(id, at) {
      q('UPDATE agents SET disabled_at = ? WHERE id = ?').run(at, id);
    },
  };
}

export function queueQueries(q: QueryFn): QueueQueries {
  return {
    upsertQueue(queue: QueueRecord) {
      q(
        `INSERT INTO queues (id, name, skills, sla_seconds, sla_target, number, overflow_queue, overflow_after_seconds, reply_seconds, escalation_skill)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name=excluded.name, skills=excluded.skills, sla_seconds=excluded.sla_seconds,
           sla_target=excluded.sla_target, number=excluded.number, overflow_queue=excluded.overflow_queue,
           overflow_after_seconds=excluded.overflow_after_seconds, reply_seconds=excluded.reply_seconds,
           escalation_skill=excluded.escalation_skill`,
      ).run(
        queue.id, queue.name, JSON.stringify(queue.skills), queue.slaSeconds, queue.slaTarget, queue.number ?? null,
        queue.overflowQueue ?? null, queue.overflowAfterSeconds ?? null, queue.replySeconds ?? DEFAULT_REPLY_SECONDS,
        queue.escalationSkill ?? null,
      );
    },
    queues: () => q('SELECT * FROM queues ORDER BY id').all().map(queueFromRow),
    queue: (id) => {
      const r = q('SELECT * FROM queues WHERE id = ?').get(id);
      return r ? queueFromRow(r) : null;
    },
    upsertDisposition(d) {
      q('INSERT INTO dispositions (code, label, active) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET label=excluded.label, active=excluded.active').run(
        d.code, d.label, d.active ? 1 : 0,
      );
    },
    dispositions: () =>
      q<{ code: string; label: string; active: number }>('SELECT * FROM dispositions ORDER BY code')
        .all()
        .map((r) => ({ code: r.code, label: r.label, active: r.active === 1 })),
    enterQueue(conversationId, queue, at) {
      q(`UPDATE queue_entries SET outcome = 'moved', ended_at = ? WHERE conversation_id = ? AND outcome = 'waiting'`).run(at, conversationId);
      q(`INSERT INTO queue_entries (conversation_id, queue, entered_at, ended_at, outcome) VALUES (?, ?, ?, NULL, 'waiting')`).run(
        conversationId, queue, at,
      );
    },
    leaveQueue(conversationId, outcome, at) {
      q(`UPDATE queue_entries SET outcome = ?, ended_at = ? WHERE conversation_id = ? AND outcome = 'waiting'`).run(outcome, at, conversationId);
    },
  };
}
