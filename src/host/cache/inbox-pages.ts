import type Database from 'better-sqlite3';
import type { ConversationMeta, InboxCursor, InboxPageFilter } from '../../shared/contracts/workspace-contract';
import type { Conversation } from '../../shared/domain/conversation';
import { conversationFromRow } from './tables/conversations-table';
import type { Row } from './tables/row';

export interface InboxPage {
  conversations: Conversation[];
  meta: ConversationMeta[];
  /** Where the next page starts; null after the last. */
  next: InboxCursor | null;
  /** How many conversations match the filter in all. */
  total: number;
}

const RECENCY = 'coalesce(last_message_at, updated_at)';

/** The WHERE clause and its parameters for a filter; every condition runs in SQL, on indexed columns where it matters. */
function where(filter: InboxPageFilter, agentId: string): { sql: string; params: Record<string, string | number> } {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.channel !== 'all') {
    parts.push('channel = @channel');
    params.channel = filter.channel;
  }
  if (filter.status === 'open') parts.push(`status != 'closed'`);
  else if (filter.status !== 'all') {
    parts.push('status = @status');
    params.status = filter.status;
  }
  if (filter.scope === 'mine') {
    parts.push('assignee_id = @agent');
    params.agent = agentId;
  } else if (filter.scope === 'queue') parts.push('assignee_id IS NULL');
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

/**
 * The inbox read page by page from SQL: newest first by (recency, id) with a keyset cursor, so a
 * page costs the same at row 9,000 as at row 0 and nothing is read twice. Each row comes with what
 * the list shows beside it (the oldest unanswered customer message, the last thing the customer
 * said), read by the conversation's own index rather than by loading its messages.
 */
export function inboxPages(db: Database.Database) {
  const lastReply = db.prepare(
    // What the self-service bot said is not the desk's answer: once handed off, the customer is owed a person's reply.
    `SELECT created_at, rid FROM messages WHERE conversation_id = ? AND direction = 'out' AND internal = 0 AND author_kind NOT IN ('system', 'bot')
     ORDER BY created_at DESC, rid DESC LIMIT 1`,
  );
  const oldestOwed = db.prepare(
    `SELECT min(created_at) AS at FROM messages WHERE conversation_id = @id AND direction = 'in' AND internal = 0 AND author_kind != 'system'
     AND (created_at > @at OR (created_at = @at AND rid > @rid))`,
  );
  const lastCustomerText = db.prepare(
    `SELECT text FROM messages WHERE conversation_id = ? AND direction = 'in' AND internal = 0 AND author_kind != 'system' AND text != ''
     ORDER BY created_at DESC, rid DESC LIMIT 1`,
  );
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };

  const metaOf = (conversationId: string): ConversationMeta => {
    const reply = lastReply.get(conversationId) as { created_at: number; rid: number } | undefined;
    const owed = oldestOwed.get({ id: conversationId, at: reply?.created_at ?? -1, rid: reply?.rid ?? -1 }) as { at: number | null };
    const said = lastCustomerText.get(conversationId) as { text: string } | undefined;
    return { conversationId, awaitingSince: owed.at, lastCustomerText: said?.text ?? null };
  };

  return {
    page(filter: InboxPageFilter, agentId: string, after: InboxCursor | null, limit: number, offset = 0): InboxPage {
      const w = where(filter, agentId);
      const keyset = after ? ` AND (${RECENCY} < @afterAt OR (${RECENCY} = @afterAt AND id < @afterId))` : '';
      const params = { ...w.params, ...(after ? { afterAt: after.at, afterId: after.id } : {}), limit, offset: after ? 0 : offset };
      const rows = prepared(
        `SELECT doc, ${RECENCY} AS recency, id FROM conversations WHERE ${w.sql}${keyset} ORDER BY ${RECENCY} DESC, id DESC LIMIT @limit OFFSET @offset`,
      ).all(params) as Array<Row & { recency: number; id: string }>;
      const total = (prepared(`SELECT count(*) AS n FROM conversations WHERE ${w.sql}`).get(w.params) as { n: number }).n;
      const conversations = rows.map(conversationFromRow);
      const last = rows.at(-1);
      return {
        conversations,
        meta: conversations.map((c) => metaOf(c.id)),
        next: last && rows.length === limit ? { at: last.recency, id: last.id } : null,
        total,
      };
    },
    meta: metaOf,
  };
}
