import type Database from 'better-sqlite3';
import { conversationSchema, type Conversation } from '../../../shared/domain/conversation';
import { conversationKeyColumns } from '../../../shared/domain/conversation-row';
import { inboxRowStateSchema, type InboxRowState } from '../../../shared/contracts/workspace-contract';
import { json, type Row } from './row';

export function conversationFromRow(row: Row): Conversation {
  return conversationSchema.parse(json(row.doc));
}

/** Conversations as last seen; `pinned` is the agent's own mark and survives every upsert and retention. */
export function conversationsTable(db: Database.Database) {
  const upsert = db.prepare(
    `INSERT INTO conversations (id, customer_id, channel, status, queue, assignee_id, priority, tags, created_at, updated_at, last_message_at, preview, doc)
     VALUES (@id, @customer_id, @channel, @status, @queue, @assignee_id, @priority, @tags, @created_at, @updated_at, @last_message_at, @preview, @doc)
     ON CONFLICT(id) DO UPDATE SET customer_id = excluded.customer_id, channel = excluded.channel, status = excluded.status,
       queue = excluded.queue, assignee_id = excluded.assignee_id, priority = excluded.priority, tags = excluded.tags,
       updated_at = excluded.updated_at, last_message_at = excluded.last_message_at, preview = excluded.preview, doc = excluded.doc`,
  );
  const byId = db.prepare('SELECT doc FROM conversations WHERE id = ?');
  const inboxState = db.prepare(
    'SELECT id, priority, last_message_at, updated_at, status, channel, assignee_id, queue FROM conversations WHERE id = ?',
  );
  const recent = db.prepare('SELECT doc FROM conversations ORDER BY coalesce(last_message_at, updated_at) DESC LIMIT ?');
  const latestOfCustomer = db.prepare('SELECT doc FROM conversations WHERE customer_id = ? ORDER BY coalesce(last_message_at, updated_at) DESC LIMIT 1');
  const setPinned = db.prepare('UPDATE conversations SET pinned = ? WHERE id = ?');
  const isPinned = db.prepare('SELECT pinned FROM conversations WHERE id = ?');
  const prune = db.prepare(
    `DELETE FROM conversations WHERE pinned = 0 AND coalesce(last_message_at, updated_at) < ?
       AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id)`,
  );
  return {
    upsert(c: Conversation): void {
      // The columns are what lists sort, filter and prune on; the document keeps every field.
      upsert.run({ ...conversationKeyColumns(c), doc: JSON.stringify(c) });
    },
    get(id: string): Conversation | null {
      const row = byId.get(id) as Row | undefined;
      return row ? conversationFromRow(row) : null;
    },
    /** What the inbox sorts and filters this conversation by, from the columns alone (no document is parsed). */
    inboxState(id: string): InboxRowState | null {
      const r = inboxState.get(id) as Row | undefined;
      if (!r) return null;
      return inboxRowStateSchema.parse({
        id: r.id,
        priority: r.priority,
        lastMessageAt: r.last_message_at,
        updatedAt: r.updated_at,
        status: r.status,
        channel: r.channel,
        assigneeId: r.assignee_id,
        queue: r.queue,
      });
    },
    recent: (limit: number): Conversation[] => (recent.all(limit) as Row[]).map(conversationFromRow),
    latestOfCustomer(customerId: string): Conversation | null {
      const row = latestOfCustomer.get(customerId) as Row | undefined;
      return row ? conversationFromRow(row) : null;
    },
    setPinned: (id: string, pinned: boolean): boolean => setPinned.run(pinned ? 1 : 0, id).changes > 0,
    isPinned: (id: string): boolean => (isPinned.get(id) as { pinned: number } | undefined)?.pinned === 1,
    prune: (before: number): number => prune.run(before).changes,
  };
}
