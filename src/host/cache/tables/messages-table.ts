import type Database from 'better-sqlite3';
import { deliveryStateSchema, workspaceMessageSchema, type WorkspaceMessage } from '../../../shared/contracts/workspace-contract';
import { json, type Row } from './row';

type DeliveryState = WorkspaceMessage['delivery'];

const COLUMNS = new Set(['id', 'conversationId', 'channel', 'direction', 'authorKind', 'authorId', 'text', 'attachments', 'internal', 'key', 'createdAt', 'delivery']);

export function messageFromRow(row: Row): WorkspaceMessage {
  const extra = row.extra === null || row.extra === undefined ? {} : (json(row.extra) as object);
  return workspaceMessageSchema.parse({
    ...extra,
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel,
    direction: row.direction,
    authorKind: row.author_kind,
    authorId: row.author_id,
    text: row.text,
    attachments: json(row.attachments),
    internal: row.internal === 1,
    key: row.key,
    createdAt: row.created_at,
    delivery: deliveryStateSchema.parse(row.delivery),
  });
}

/** Fields the hub adds to messages later are kept in `extra` rather than dropped. */
function messageToRow(m: WorkspaceMessage): Row {
  // Runs for every synced message: a plain loop, no intermediate arrays.
  let rest: Record<string, unknown> | null = null;
  for (const name in m) {
    if (COLUMNS.has(name)) continue;
    rest ??= {};
    rest[name] = (m as Record<string, unknown>)[name];
  }
  return {
    id: m.id,
    conversation_id: m.conversationId,
    channel: m.channel,
    direction: m.direction,
    author_kind: m.authorKind,
    author_id: m.authorId,
    text: m.text,
    attachments: m.attachments.length === 0 ? '[]' : JSON.stringify(m.attachments),
    internal: m.internal ? 1 : 0,
    key: m.key,
    created_at: m.createdAt,
    delivery: m.delivery,
    extra: rest ? JSON.stringify(rest) : null,
  };
}

const SELECT = 'SELECT id, conversation_id, channel, direction, author_kind, author_id, text, attachments, internal, key, created_at, delivery, extra FROM messages';

/** Messages the agent has seen, plus their own replies while they wait in the outbox. */
export function messagesTable(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, channel, direction, author_kind, author_id, text, attachments, internal, key, created_at, delivery, extra)
     VALUES (@id, @conversation_id, @channel, @direction, @author_kind, @author_id, @text, @attachments, @internal, @key, @created_at, @delivery, @extra)
     ON CONFLICT DO NOTHING`,
  );
  // The hub's copy of a reply replaces the local one in place, so its search entry and position stay.
  const adopt = db.prepare(
    `UPDATE messages SET id = @id, conversation_id = @conversation_id, channel = @channel, direction = @direction, author_kind = @author_kind,
       author_id = @author_id, text = @text, attachments = @attachments, internal = @internal, created_at = @created_at, delivery = @delivery, extra = @extra
     WHERE key = @key AND id != @id`,
  );
  // A later state of a message the hub stored (its delivery to the customer): the hub's fields change, the local delivery stays.
  const refresh = db.prepare(
    `UPDATE messages SET channel = @channel, direction = @direction, author_kind = @author_kind, author_id = @author_id, text = @text,
       attachments = @attachments, internal = @internal, extra = @extra
     WHERE id = @id`,
  );
  const byId = db.prepare(`${SELECT} WHERE id = ?`);
  const byKey = db.prepare(`${SELECT} WHERE key = ?`);
  const ofConversation = db.prepare(`${SELECT} WHERE conversation_id = ? ORDER BY created_at, rid`);
  const setDelivery = db.prepare('UPDATE messages SET delivery = ? WHERE id = ?');
  const count = db.prepare('SELECT count(*) AS n FROM messages');
  const prune = db.prepare(
    `DELETE FROM messages WHERE created_at < ? AND delivery = 'sent'
       AND conversation_id NOT IN (SELECT id FROM conversations WHERE pinned = 1)`,
  );
  return {
    /** Stores a message the hub sent; a repeat of one already stored changes nothing. Returns whether it was new. */
    putFromHub(message: WorkspaceMessage): boolean {
      const row = messageToRow(message);
      if (message.key !== null && adopt.run(row).changes > 0) return true;
      return insert.run(row).changes > 0;
    },
    /** Takes the hub's newer copy of a stored message (one not cached yet is stored); returns it as cached. */
    updateFromHub(message: WorkspaceMessage): WorkspaceMessage | null {
      const row = messageToRow(message);
      if (refresh.run(row).changes === 0) insert.run(row);
      const stored = byId.get(message.id) as Row | undefined;
      return stored ? messageFromRow(stored) : null;
    },
    putLocal: (message: WorkspaceMessage): boolean => insert.run(messageToRow(message)).changes > 0,
    get(id: string): WorkspaceMessage | null {
      const row = byId.get(id) as Row | undefined;
      return row ? messageFromRow(row) : null;
    },
    byKey(key: string): WorkspaceMessage | null {
      const row = byKey.get(key) as Row | undefined;
      return row ? messageFromRow(row) : null;
    },
    ofConversation: (conversationId: string): WorkspaceMessage[] => (ofConversation.all(conversationId) as Row[]).map(messageFromRow),
    setDelivery: (id: string, delivery: DeliveryState): boolean => setDelivery.run(delivery, id).changes > 0,
    count: (): number => Number((count.get() as { n: number }).n),
    prune: (before: number): number => prune.run(before).changes,
  };
}
