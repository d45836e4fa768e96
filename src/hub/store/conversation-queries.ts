import type { ConversationQueries, MessageQueries, StoredConversation } from './hub-store';
import { conversationFromColumns, conversationToColumns } from '../../shared/domain/conversation-row';
import { messageFromRow } from './row-mappers';
import type { QueryFn } from './sqlite-query';

const columns =
  'id, customer_id, channel, status, queue, assignee_id, priority, tags, created_at, updated_at, last_message_at, preview, queued_at, last_inbound_channel, closed_at, disposition, disposition_note, order_ids, summary, call_json';

export function conversationQueries(q: QueryFn): ConversationQueries {
  const insert = q(
    `INSERT INTO conversations (${columns}, call_id) VALUES (@id, @customer_id, @channel, @status, @queue, @assignee_id, @priority,
       @tags, @created_at, @updated_at, @last_message_at, @preview, @queued_at, @last_inbound_channel, @closed_at, @disposition,
       @disposition_note, @order_ids, @summary, @call_json, @call_id)`,
  );
  const update = q(
    `UPDATE conversations SET status=@status, queue=@queue, assignee_id=@assignee_id, priority=@priority, tags=@tags,
       updated_at=@updated_at, last_message_at=@last_message_at, preview=@preview, customer_id=@customer_id, queued_at=@queued_at,
       last_inbound_channel=@last_inbound_channel, closed_at=@closed_at, disposition=@disposition, disposition_note=@disposition_note,
       order_ids=@order_ids, summary=@summary, call_json=@call_json, version = version + 1
     WHERE id=@id AND version=@expected_version`,
  );
  const stored = (r: Record<string, unknown> | undefined): StoredConversation | null =>
    r ? { ...conversationFromColumns(r), version: Number(r.version) } : null;
  return {
    insertConversation: (c, callId = null) => void insert.run({ ...conversationToColumns(c), call_id: callId }),
    updateConversation: (c, expectedVersion) => update.run({ ...conversationToColumns(c), expected_version: expectedVersion }).changes === 1,
    conversation: (id) => stored(q('SELECT * FROM conversations WHERE id = ?').get(id)),
    conversationByCallId: (callId) => stored(q('SELECT * FROM conversations WHERE call_id = ?').get(callId)),
    openTextConversation(customerId) {
      const r = q(
        `SELECT * FROM conversations WHERE customer_id = ? AND channel != 'voice' AND status != 'closed' ORDER BY created_at DESC LIMIT 1`,
      ).get(customerId);
      return r ? conversationFromColumns(r) : null;
    },
    customerConversations: (customerId, limit) =>
      q('SELECT * FROM conversations WHERE customer_id = ? ORDER BY created_at DESC LIMIT ?').all(customerId, limit).map(conversationFromColumns),
    conversationsByStatus: (status) =>
      q('SELECT * FROM conversations WHERE status = ? ORDER BY priority DESC, created_at ASC').all(status).map(conversationFromColumns),
    undisposedCount: (agentId) =>
      Number(q<{ n: number }>(`SELECT COUNT(*) AS n FROM conversations WHERE assignee_id = ? AND status = 'wrap_up'`).get(agentId)?.n ?? 0),
  };
}

export function messageQueries(q: QueryFn): MessageQueries {
  return {
    insertMessage(m, originalText) {
      q(
        `INSERT INTO messages (id, conversation_id, channel, direction, author_kind, author_id, text, attachments, internal, key, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(m.id, m.conversationId, m.channel, m.direction, m.authorKind, m.authorId, m.text, JSON.stringify(m.attachments), m.internal ? 1 : 0, m.key, m.createdAt);
      if (originalText !== undefined && originalText !== m.text) {
        q('INSERT INTO message_secrets (message_id, text) VALUES (?, ?)').run(m.id, originalText);
      }
    },
    message: (id) => {
      const r = q('SELECT * FROM messages WHERE id = ?').get(id);
      return r ? messageFromRow(r) : null;
    },
    messageByKey: (key) => {
      const r = q('SELECT * FROM messages WHERE key = ?').get(key);
      return r ? messageFromRow(r) : null;
    },
    messages: (conversationId) =>
      q('SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid').all(conversationId).map(messageFromRow),
    lastMessages: (conversationId, limit) =>
      q('SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
        .all(conversationId, limit)
        .map(messageFromRow)
        .reverse(),
    originalText: (messageId) => q<{ text: string }>('SELECT text FROM message_secrets WHERE message_id = ?').get(messageId)?.text ?? null,
  };
}
