import { z } from 'zod';
import { conversationSchema, type Conversation } from './conversation';

/**
 * A Conversation as SQLite columns, for both databases that keep conversations: the hub's store
 * (every field its own column) and the desktop's cache (the columns it filters and sorts on, with
 * the whole conversation kept beside them as a JSON document). One naming of the columns, so the
 * two cannot drift apart.
 */

/** A row as better-sqlite3 returns it; it is checked with zod before it becomes a Conversation. */
export type ConversationRow = Record<string, unknown>;

/** The columns both tables have: what lists filter, sort and prune on. */
export type ConversationKeyColumns = {
  id: string;
  customer_id: string;
  channel: Conversation['channel'];
  status: Conversation['status'];
  queue: string;
  assignee_id: string | null;
  priority: number;
  /** JSON array of strings. */
  tags: string;
  created_at: number;
  updated_at: number;
  last_message_at: number | null;
  preview: string;
};

/** Every field as a column: the hub's table, which has no document column to fall back on. */
export type ConversationColumns = ConversationKeyColumns & {
  queued_at: number | null;
  last_inbound_channel: string | null;
  closed_at: number | null;
  disposition: string | null;
  disposition_note: string | null;
  /** JSON array of strings. */
  order_ids: string;
  summary: string | null;
  /** JSON of the call record, or null for a conversation without a call. */
  call_json: string | null;
  /** 1 when the sender is not proven. */
  unverified: number;
  /** JSON of the conversation's insight (intent, escalation), or null. */
  insight_json: string | null;
};

export function conversationKeyColumns(c: Conversation): ConversationKeyColumns {
  return {
    id: c.id,
    customer_id: c.customerId,
    channel: c.channel,
    status: c.status,
    queue: c.queue,
    assignee_id: c.assigneeId,
    priority: c.priority,
    tags: JSON.stringify(c.tags),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    last_message_at: c.lastMessageAt,
    preview: c.preview,
  };
}

export function conversationToColumns(c: Conversation): ConversationColumns {
  return {
    ...conversationKeyColumns(c),
    queued_at: c.queuedAt ?? null,
    last_inbound_channel: c.lastInboundChannel ?? null,
    closed_at: c.closedAt ?? null,
    disposition: c.disposition ?? null,
    disposition_note: c.dispositionNote ?? null,
    order_ids: JSON.stringify(c.orderIds ?? []),
    summary: c.summary ?? null,
    call_json: c.call ? JSON.stringify(c.call) : null,
    unverified: c.unverified ? 1 : 0,
    insight_json: c.insight ? JSON.stringify(c.insight) : null,
  };
}

const stringList = z.array(z.string());
const strings = (v: unknown): string[] => stringList.parse(JSON.parse(String(v)));

/** The inverse of conversationToColumns; a row that does not make a valid Conversation throws. */
export function conversationFromColumns(r: ConversationRow): Conversation {
  return conversationSchema.parse({
    id: r.id,
    customerId: r.customer_id,
    channel: r.channel,
    status: r.status,
    queue: r.queue,
    assigneeId: r.assignee_id,
    priority: r.priority,
    tags: strings(r.tags),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastMessageAt: r.last_message_at,
    preview: r.preview,
    queuedAt: r.queued_at,
    lastInboundChannel: r.last_inbound_channel,
    closedAt: r.closed_at,
    disposition: r.disposition,
    dispositionNote: r.disposition_note,
    orderIds: strings(r.order_ids),
    summary: r.summary ?? null,
    call: r.call_json === null || r.call_json === undefined ? null : JSON.parse(String(r.call_json)),
    ...(r.unverified === 1 ? { unverified: true } : {}),
    ...(typeof r.insight_json === 'string' ? { insight: JSON.parse(r.insight_json) } : {}),
  });
}
