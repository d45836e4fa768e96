import Database from 'better-sqlite3';
import { customerSchema, type Customer } from '../../shared/domain/customer';
import { hubEventSchema, type HubEvent, type NewHubEvent } from '../../shared/protocol/hub-events';
import type { AgentRecord, HubStore, QueueRecord } from './hub-store';
import { migrate } from './migrate';
import { hubMigrations } from './migrations';
import { agentFromRow, conversationFromRow, conversationToRow, messageFromRow, queueFromRow, type Row } from './row-mappers';

export function openSqliteHubStore(file: string): HubStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, hubMigrations);

  const prepared = new Map<string, Database.Statement>();
  const q = <R = Row>(sql: string) => {
    let stmt = prepared.get(sql);
    if (!stmt) prepared.set(sql, (stmt = db.prepare(sql)));
    return {
      get: (...args: unknown[]) => stmt.get(...args) as R | undefined,
      all: (...args: unknown[]) => stmt.all(...args) as R[],
      run: (...args: unknown[]) => stmt.run(...args),
    };
  };

  const customerRow = q('SELECT * FROM customers WHERE id = ?');
  const identitiesOf = q('SELECT kind, value, verified FROM identities WHERE customer_id = ? ORDER BY kind, value');
  const loadCustomer = (id: string): Customer | null => {
    const row = customerRow.get(id);
    if (!row) return null;
    return customerSchema.parse({
      id: row.id,
      name: row.name,
      tags: JSON.parse(String(row.tags)),
      createdAt: row.created_at,
      identities: identitiesOf.all(id).map((i) => ({ kind: i.kind, value: i.value, verified: i.verified === 1 })),
    });
  };

  const conversationColumns =
    'id, customer_id, channel, status, queue, assignee_id, priority, tags, created_at, updated_at, last_message_at, preview';
  const insertConversation = q(
    `INSERT INTO conversations (${conversationColumns}) VALUES (@id, @customer_id, @channel, @status, @queue, @assignee_id, @priority, @tags, @created_at, @updated_at, @last_message_at, @preview)`,
  );
  const updateConversation = q(
    `UPDATE conversations SET status=@status, queue=@queue, assignee_id=@assignee_id, priority=@priority, tags=@tags,
     updated_at=@updated_at, last_message_at=@last_message_at, preview=@preview, customer_id=@customer_id WHERE id=@id`,
  );

  const store: HubStore = {
    transaction: (fn) => db.transaction(fn)(),

    insertAgent(a: AgentRecord) {
      q(
        `INSERT INTO agents (id, username, display_name, role, password_hash, skills, queues, capacity, state, state_reason, state_since)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(a.id, a.username, a.displayName, a.role, a.passwordHash, JSON.stringify(a.skills), JSON.stringify(a.queues), a.capacity, a.state, a.stateReason, a.stateSince);
    },
    agentByUsername: (username) => {
      const r = q('SELECT * FROM agents WHERE username = ?').get(username);
      return r ? agentFromRow(r) : null;
    },
    agent: (id) => {
      const r = q('SELECT * FROM agents WHERE id = ?').get(id);
      return r ? agentFromRow(r) : null;
    },
    agents: () => q('SELECT * FROM agents ORDER BY username').all().map(agentFromRow),
    setAgentState(id, state, reason, at) {
      q('UPDATE agents SET state = ?, state_reason = ?, state_since = ? WHERE id = ?').run(state, reason, at, id);
    },

    upsertQueue(queue: QueueRecord) {
      q(
        `INSERT INTO queues (id, name, skills, sla_seconds, sla_target) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name=excluded.name, skills=excluded.skills, sla_seconds=excluded.sla_seconds, sla_target=excluded.sla_target`,
      ).run(queue.id, queue.name, JSON.stringify(queue.skills), queue.slaSeconds, queue.slaTarget);
    },
    queues: () => q('SELECT * FROM queues ORDER BY id').all().map(queueFromRow),

    insertCustomer(c) {
      q('INSERT INTO customers (id, name, tags, created_at) VALUES (?, ?, ?, ?)').run(c.id, c.name, JSON.stringify(c.tags), c.createdAt);
      const ins = q('INSERT INTO identities (kind, value, customer_id, verified) VALUES (?, ?, ?, ?)');
      for (const i of c.identities) ins.run(i.kind, i.value, c.id, i.verified ? 1 : 0);
    },
    customer: loadCustomer,
    customerByIdentity(kind, value) {
      const r = q<{ customer_id: string }>('SELECT customer_id FROM identities WHERE kind = ? AND value = ?').get(kind, value);
      return r ? loadCustomer(r.customer_id) : null;
    },

    insertConversation: (c) => void insertConversation.run(conversationToRow(c)),
    updateConversation: (c) => void updateConversation.run(conversationToRow(c)),
    conversation: (id) => {
      const r = q('SELECT * FROM conversations WHERE id = ?').get(id);
      return r ? conversationFromRow(r) : null;
    },
    openConversation(customerId, channel) {
      const r = q(
        `SELECT * FROM conversations WHERE customer_id = ? AND channel = ? AND status != 'closed' ORDER BY created_at DESC LIMIT 1`,
      ).get(customerId, channel);
      return r ? conversationFromRow(r) : null;
    },
    conversationsByStatus: (status) =>
      q('SELECT * FROM conversations WHERE status = ? ORDER BY priority DESC, created_at ASC').all(status).map(conversationFromRow),
    activeCount: (agentId) =>
      Number(q<{ n: number }>(`SELECT COUNT(*) AS n FROM conversations WHERE assignee_id = ? AND status = 'active'`).get(agentId)?.n ?? 0),

    insertMessage(m) {
      q(
        `INSERT INTO messages (id, conversation_id, channel, direction, author_kind, author_id, text, attachments, internal, key, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(m.id, m.conversationId, m.channel, m.direction, m.authorKind, m.authorId, m.text, JSON.stringify(m.attachments), m.internal ? 1 : 0, m.key, m.createdAt);
    },
    messageByKey: (key) => {
      const r = q('SELECT * FROM messages WHERE key = ?').get(key);
      return r ? messageFromRow(r) : null;
    },
    messages: (conversationId) =>
      q('SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid').all(conversationId).map(messageFromRow),

    appendEvent(event: NewHubEvent, at: number): HubEvent {
      const info = q('INSERT INTO events (at, kind, payload) VALUES (?, ?, ?)').run(at, event.kind, JSON.stringify(event));
      return hubEventSchema.parse({ ...event, seq: Number(info.lastInsertRowid), at });
    },
    eventsAfter(seq, limit) {
      return q<{ seq: number; at: number; payload: string }>('SELECT seq, at, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(seq, limit)
        .map((r) => hubEventSchema.parse({ ...(JSON.parse(r.payload) as object), seq: r.seq, at: r.at }));
    },
    headSeq: () => Number(q<{ s: number | null }>('SELECT MAX(seq) AS s FROM events').get()?.s ?? 0),

    commandResult: (key) => q<{ result: string }>('SELECT result FROM command_keys WHERE key = ?').get(key)?.result ?? null,
    saveCommandResult(key, agentId, result, at) {
      q('INSERT OR IGNORE INTO command_keys (key, agent_id, result, created_at) VALUES (?, ?, ?, ?)').run(key, agentId, result, at);
    },

    close: () => db.close(),
  };
  return store;
}
