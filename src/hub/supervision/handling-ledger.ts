import type Database from 'better-sqlite3';
import type { Conversation } from '../../shared/domain/conversation';

export interface AgentHandling {
  handled: number;
  totalHandleMs: number;
}

/**
 * Answer and close times per agent and contact, for "handled today" and average handle time.
 * The hub's conversation rows keep neither the answer time nor earlier assignees (a transfer or
 * takeover overwrites them), so supervision records both from the conversation events it sees.
 */
export interface HandlingLedger {
  observe(conversation: Conversation, at: number): void;
  since(start: number): Map<string, AgentHandling>;
}

export function createHandlingLedger(db: Database.Database): HandlingLedger {
  const openRow = db.prepare<[string], { agent_id: string; answered_at: number }>(
    'SELECT agent_id, answered_at FROM handled_contacts WHERE conversation_id = ? AND closed_at IS NULL',
  );
  const insert = db.prepare('INSERT OR IGNORE INTO handled_contacts (conversation_id, agent_id, channel, answered_at, closed_at) VALUES (?, ?, ?, ?, NULL)');
  const close = db.prepare('UPDATE handled_contacts SET closed_at = ? WHERE conversation_id = ? AND closed_at IS NULL');
  const totals = db.prepare<[number], { agent_id: string; n: number; total: number }>(
    `SELECT agent_id, COUNT(*) AS n, SUM(closed_at - answered_at) AS total
     FROM handled_contacts WHERE closed_at IS NOT NULL AND closed_at >= ? GROUP BY agent_id`,
  );
  const observe = db.transaction((c: Conversation, at: number) => {
    const open = openRow.get(c.id);
    if (c.status === 'active' && c.assigneeId) {
      if (open?.agent_id === c.assigneeId) return;
      // Handed to someone else (transfer, takeover): the first agent's part ends here.
      if (open) close.run(at, c.id);
      insert.run(c.id, c.assigneeId, c.channel, at);
    } else if (open && (c.status === 'closed' || c.status === 'queued')) {
      close.run(c.closedAt ?? at, c.id);
    }
  });
  return {
    observe: (conversation, at) => {
      if (db.open) observe(conversation, at);
    },
    since(start) {
      return new Map(totals.all(start).map((r) => [r.agent_id, { handled: Number(r.n), totalHandleMs: Number(r.total) }]));
    },
  };
}
