import type Database from 'better-sqlite3';
import { supervisorAlertSchema, type SupervisorAlert } from '../../shared/protocol/supervisor-protocol';

/** An SLA breach the checks have alerted on and not yet seen end: `contact-wait` or `queue-sla`, and its key. */
export interface OpenBreach {
  reason: string;
  key: string;
}

/**
 * The alert feed's rows in the hub database: every raised alert, its acknowledgement, and for an
 * SLA breach, whether it still stands. Writes after the database closed (hub shutting down) are dropped,
 * as the audit log does.
 */
export interface AlertStore {
  save(alert: SupervisorAlert, breachKey: string | null): void;
  acknowledge(alert: SupervisorAlert): void;
  /** The breach behind an alert ended (contact answered or gone, queue back at target). */
  clearBreach(key: string, at: number): void;
  /** Newest first, as the feed shows them. */
  newest(limit: number): SupervisorAlert[];
  openBreaches(): OpenBreach[];
  /** Deletes alerts raised before `before`, except breaches still standing; returns how many. */
  prune(before: number): number;
}

interface AlertRow {
  id: string;
  kind: string;
  at: number;
  conversation_id: string | null;
  queue: string | null;
  agent_id: string | null;
  value: number | null;
  reason: string;
  detail: string | null;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
}

export function createAlertStore(db: Database.Database): AlertStore {
  const insert = db.prepare(
    `INSERT INTO supervisor_alerts (id, kind, at, conversation_id, queue, agent_id, value, reason, detail, acknowledged_by, acknowledged_at, breach_key)
     VALUES (@id, @kind, @at, @conversationId, @queue, @agentId, @value, @reason, @detail, @acknowledgedBy, @acknowledgedAt, @breachKey)`,
  );
  const ack = db.prepare('UPDATE supervisor_alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_by IS NULL');
  const clear = db.prepare('UPDATE supervisor_alerts SET cleared_at = ? WHERE breach_key = ? AND cleared_at IS NULL');
  const newest = db.prepare<[number], AlertRow>(
    `SELECT id, kind, at, conversation_id, queue, agent_id, value, reason, detail, acknowledged_by, acknowledged_at
     FROM supervisor_alerts ORDER BY seq DESC LIMIT ?`,
  );
  const open = db.prepare<[], { reason: string; breach_key: string }>(
    'SELECT DISTINCT reason, breach_key FROM supervisor_alerts WHERE breach_key IS NOT NULL AND cleared_at IS NULL',
  );
  const prune = db.prepare('DELETE FROM supervisor_alerts WHERE at < ? AND (breach_key IS NULL OR cleared_at IS NOT NULL)');

  return {
    save(alert, breachKey) {
      if (!db.open) return;
      insert.run({ ...alert, detail: alert.detail ?? null, breachKey });
    },
    acknowledge(alert) {
      if (db.open) ack.run(alert.acknowledgedBy, alert.acknowledgedAt, alert.id);
    },
    clearBreach(key, at) {
      if (db.open) clear.run(at, key);
    },
    newest(limit) {
      // Read back through the protocol's schema: a row that no longer parses is left out, not sent.
      return newest.all(limit).flatMap((r) => {
        const parsed = supervisorAlertSchema.safeParse({
          id: r.id,
          kind: r.kind,
          at: r.at,
          conversationId: r.conversation_id,
          queue: r.queue,
          agentId: r.agent_id,
          value: r.value,
          reason: r.reason,
          ...(r.detail === null ? {} : { detail: r.detail }),
          acknowledgedBy: r.acknowledged_by,
          acknowledgedAt: r.acknowledged_at,
        });
        return parsed.success ? [parsed.data] : [];
      });
    },
    openBreaches: () => open.all().map((r) => ({ reason: r.reason, key: r.breach_key })),
    prune: (before) => (db.open ? prune.run(before).changes : 0),
  };
}
