import type Database from 'better-sqlite3';
import { z } from 'zod';
import { inboxCursorSchema, inboxPageFilterSchema, type ConversationMeta, type InboxCursor, type InboxPageFilter } from '../../shared/contracts/workspace-contract';
import { roleSchema } from '../../shared/domain/agent';
import type { Conversation } from '../../shared/domain/conversation';
import { conversationFromRow } from './tables/conversations-table';
import type { Row } from './tables/row';

/** Who looks: an agent sees what is theirs or in their queues (domain/visibility.ts); supervisors and admins see all. */
export const inboxViewerSchema = z.object({ role: roleSchema, queues: z.array(z.string().max(100)).max(1_000) });
export type InboxViewer = z.infer<typeof inboxViewerSchema>;

/** One window of the inbox: below `after`, above `before`, or from `offset` (a jump: End, a dragged scrollbar). */
export const inboxQuerySchema = z.object({
  filter: inboxPageFilterSchema,
  /** Null: every conversation in the cache, as for a supervisor. */
  viewer: inboxViewerSchema.nullable(),
  after: inboxCursorSchema.nullable().default(null),
  before: inboxCursorSchema.nullable().default(null),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(10_000),
});
export type InboxQuery = z.input<typeof inboxQuerySchema>;

export interface InboxPage {
  conversations: Conversation[];
  meta: ConversationMeta[];
  /** The place of the first row in the whole filtered inbox. */
  start: number;
  /** Where the next page starts; null after the last. */
  next: InboxCursor | null;
  /** How many conversations match the filter in all. */
  total: number;
}

type Params = Record<string, string | number>;

/**
 * The WHERE clause for a filter and a viewer; every condition runs in SQL. An open conversation that has
 * left an agent's sight (transferred away) stays in the cache and in search, not in the inbox: the hub sent
 * its state at that moment and nothing after, so it would sit there "waiting" for good.
 */
function where(filter: InboxPageFilter, agentId: string, viewer: InboxViewer | null): { sql: string; params: Params } {
  const parts: string[] = [];
  const params: Params = {};
  if (filter.channel !== 'all') {
    parts.push('channel = @channel');
    params.channel = filter.channel;
  }
  if (filter.status === 'open') parts.push(`status != 'closed'`);
  else if (filter.status !== 'all') {
    parts.push('status = @status');
    params.status = filter.status;
  }
  if (filter.scope === 'mine') parts.push('assignee_id = @agent');
  else if (filter.scope === 'queue') parts.push('assignee_id IS NULL');
  if (viewer && viewer.role === 'agent') {
    parts.push(`(status = 'closed' OR (status != 'bot' AND (assignee_id = @agent OR queue IN (SELECT value FROM json_each(@queues)))))`);
    params.queues = JSON.stringify(viewer.queues);
  }
  if (parts.some((p) => p.includes('@agent'))) params.agent = agentId;
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params };
}

const ORDER_DOWN = 'ORDER BY inbox_rank DESC, id DESC';
const ORDER_UP = 'ORDER BY inbox_rank ASC, id ASC';

/**
 * The inbox read a window at a time from SQL, in the one inbox order (domain/inbox-order.ts) with a
 * keyset cursor on the `inbox_rank` index (migration 009): a window costs the same at row 9,000 as at
 * row 0, and a row that moves while the agent scrolls is never read twice from a stale place. Each row
 * comes with what the list shows beside it (the oldest unanswered customer message, the last thing the
 * customer said), read by the conversation's own index rather than by loading its messages.
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
  // One statement per filter shape, prepared once: the window is asked for on every scroll stop.
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

  const count = (w: { sql: string; params: Params }, above?: InboxCursor): number => {
    const sql = `SELECT count(*) FROM conversations WHERE ${w.sql}${above ? ' AND (inbox_rank, id) > (@atRank, @atId)' : ''}`;
    return prepared(sql).pluck().get({ ...w.params, ...(above ? { atRank: above.rank, atId: above.id } : {}) }) as number;
  };

  return {
    page(input: InboxQuery, agentId: string): InboxPage {
      const query = inboxQuerySchema.parse(input);
      const w = where(query.filter, agentId, query.viewer);
      const select = `SELECT doc, inbox_rank AS rank, id FROM conversations WHERE ${w.sql}`;
      type Ranked = Row & { rank: number; id: string };
      let rows: Ranked[];
      if (query.before) {
        rows = prepared(`${select} AND (inbox_rank, id) > (@rank, @id) ${ORDER_UP} LIMIT @limit`).all({ ...w.params, ...query.before, limit: query.limit }) as Ranked[];
        rows.reverse();
      } else if (query.after) {
        rows = prepared(`${select} AND (inbox_rank, id) < (@rank, @id) ${ORDER_DOWN} LIMIT @limit`).all({ ...w.params, ...query.after, limit: query.limit }) as Ranked[];
      } else {
        rows = prepared(`${select} ${ORDER_DOWN} LIMIT @limit OFFSET @offset`).all({ ...w.params, limit: query.limit, offset: query.offset }) as Ranked[];
      }
      const total = count(w);
      const first = rows[0];
      const start = first ? (query.after || query.before ? count(w, first) : query.offset) : query.before ? 0 : query.after ? total : Math.min(query.offset, total);
      const last = rows.at(-1);
      const conversations = rows.map(conversationFromRow);
      return {
        conversations,
        meta: conversations.map((c) => metaOf(c.id)),
        start,
        next: last && start + rows.length < total ? { rank: last.rank, id: last.id } : null,
        total,
      };
    },
    meta: metaOf,
  };
}
