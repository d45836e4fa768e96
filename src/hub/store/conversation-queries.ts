import { identityKindSchema } from '../../shared/domain/customer';
import type { ConversationQueries, MessageQueries, Peer, StoredConversation } from './hub-store';
import { conversationFromColumns, conversationToColumns } from '../../shared/domain/conversation-row';
import { messageFromRow } from './row-mappers';
import type { QueryFn } from './sqlite-query';

const columns =
  'id, customer_id, channel, status, queue, assignee_id, priority, tags, created_at, updated_at, last_message_at, preview, queued_at, last_inbound_channel, closed_at, disposition, disposition_note, order_ids, summary, call_json, unverified, insight_json';

export function conversationQueries(q: QueryFn): ConversationQueries {
  const insert = q(
    `INSERT INTO conversations (${columns}, call_id) VALUES (@id, @customer_id, @channel, @status, @queue, @assignee_id, @priority,
       @tags, @created_at, @updated_at, @last_message_at, @preview, @queued_at, @last_inbound_channel, @closed_at, @disposition,
       @disposition_note, @order_ids, @summary, @call_json, @unverified, @insight_json, @call_id)`,
  );
  const update = q(
    `UPDATE conversations SET status=@status, queue=@queue, assignee_id=@assignee_id, priority=@priority, tags=@tags,
       updated_at=@updated_at, last_message_at=@last_message_at, preview=@preview, customer_id=@customer_id, queued_at=@queued_at,
       last_inbound_channel=@last_inbound_channel, closed_at=@closed_at, disposition=@disposition, disposition_note=@disposition_note,
       order_ids=@order_ids, summary=@summary, call_json=@call_json, insight_json=@insight_json,
       call_id = COALESCE(json_extract(@call_json, '$.sipCallId'), call_id), version = version + 1
     WHERE id=@id AND version=@expected_version`,
  );
  const stored = (r: Record<string, unknown> | undefined): StoredConversation | null =>
    r ? { ...conversationFromColumns(r), version: Number(r.version) } : null;
  return {
    insertConversation: (c, callId = null) => void insert.run({ ...conversationToColumns(c), call_id: callId }),
    updateConversation: (c, expectedVersion) => update.run({ ...conversationToColumns(c), expected_version: expectedVersion }).changes === 1,
    conversation: (id) => stored(q('SELECT * FROM conversations WHERE id = ?').get(id)),
    conversationByCallId: (callId) => stored(q('SELECT * FROM conversations WHERE call_id = ?').get(callId)),
    openTextConversation(customerId, unverifiedOn) {
      const r = unverifiedOn
        ? q(
            `SELECT * FROM conversations WHERE customer_id = ? AND channel = ? AND unverified = 1 AND status != 'closed'
             ORDER BY created_at DESC LIMIT 1`,
          ).get(customerId, unverifiedOn)
        : q(
            `SELECT * FROM conversations WHERE customer_id = ? AND channel != 'voice' AND unverified = 0 AND status != 'closed'
             ORDER BY created_at DESC LIMIT 1`,
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

const peerKey = (peer: Peer): string => `${peer.kind}:${peer.value}`;
function peerOf(key: string | null | undefined): Peer | null {
  if (!key) return null;
  const at = key.indexOf(':');
  const kind = identityKindSchema.safeParse(key.slice(0, at));
  return kind.success ? { kind: kind.data, value: key.slice(at + 1) } : null;
}

export function messageQueries(q: QueryFn): MessageQueries {
  return {
    insertMessage(m, originalText, peer = null) {
      q(
        `INSERT INTO messages (id, conversation_id, channel, direction, author_kind, author_id, text, attachments, internal, key, created_at, peer, channel_delivery)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        m.id, m.conversationId, m.channel, m.direction, m.authorKind, m.authorId, m.text, JSON.stringify(m.attachments), m.internal ? 1 : 0, m.key,
        m.createdAt, peer ? peerKey(peer) : null, m.channelDelivery ? JSON.stringify(m.channelDelivery) : null,
      );
      if (originalText !== undefined && originalText !== m.text) {
        q('INSERT INTO message_secrets (message_id, text) VALUES (?, ?)').run(m.id, originalText);
      }
    },
    setChannelDelivery: (messageId, delivery) =>
      q('UPDATE messages SET channel_delivery = ? WHERE id = ?').run(JSON.stringify(delivery), messageId).changes === 1,
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
    lastInboundPeer: (conversationId, channel) =>
      peerOf(
        q<{ peer: string }>(
          `SELECT peer FROM messages WHERE conversation_id = ? AND channel = ? AND direction = 'in' AND peer IS NOT NULL
           ORDER BY created_at DESC, rowid DESC LIMIT 1`,
        ).get(conversationId, channel)?.peer,
      ),
    messagePeer: (messageId) => peerOf(q<{ peer: string | null }>('SELECT peer FROM messages WHERE id = ?').get(messageId)?.peer),
    latestConversationOfPeer: (peer) =>
      q<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE peer = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(
        peerKey(peer),
      )?.conversation_id ?? null,
    peerMessages(conversationId, peer, limit, beforeMessageId) {
      const before = beforeMessageId ? q<{ rowid: number }>('SELECT rowid FROM messages WHERE id = ? AND conversation_id = ?').get(beforeMessageId, conversationId) : null;
      return q(
        `SELECT * FROM messages WHERE conversation_id = ? AND peer = ? AND internal = 0 AND rowid < ?
         ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      )
        .all(conversationId, peerKey(peer), before?.rowid ?? Number.MAX_SAFE_INTEGER, limit)
        .map(messageFromRow)
        .reverse();
    },
    originalText: (messageId) => q<{ text: string }>('SELECT text FROM message_secrets WHERE message_id = ?').get(messageId)?.text ?? null,
  };
}
