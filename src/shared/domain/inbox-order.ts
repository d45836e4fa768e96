import type { Conversation } from './conversation';

/**
 * The inbox's one order, newest first with higher priority above: the host's SQL (the cache's
 * `inbox_rank` column, migration 009) and the renderer's window (placing a change it is told about)
 * both sort by it, so they cannot disagree about where a row belongs.
 *
 * The rank folds priority and recency into one integer so a keyset cursor is one indexed column plus
 * the id for ties: priority clamped to ±99 times 10^13 (ms timestamps stay below 10^13 until 2286),
 * which stays an exact JavaScript number (< 2^53).
 */
export const PRIORITY_SPAN = 99;
export const RANK_SCALE = 10_000_000_000_000;

/** The SQL expression the generated column is defined by; it must compute what `inboxRank` does. */
export const INBOX_RANK_SQL = `(min(max(priority, -${PRIORITY_SPAN}), ${PRIORITY_SPAN}) + ${PRIORITY_SPAN + 1}) * ${RANK_SCALE} + coalesce(last_message_at, updated_at)`;

export type InboxRanked = Pick<Conversation, 'id' | 'priority' | 'lastMessageAt' | 'updatedAt'>;

export function inboxRank(c: Pick<Conversation, 'priority' | 'lastMessageAt' | 'updatedAt'>): number {
  const priority = Math.min(Math.max(c.priority, -PRIORITY_SPAN), PRIORITY_SPAN);
  return (priority + PRIORITY_SPAN + 1) * RANK_SCALE + (c.lastMessageAt ?? c.updatedAt);
}

/** A row's place: its rank, then its id (descending both) for ties. */
export interface InboxKey {
  rank: number;
  id: string;
}

export const inboxKeyOf = (c: InboxRanked): InboxKey => ({ rank: inboxRank(c), id: c.id });

/** Negative when `a` is shown above `b`. */
export function compareInboxKeys(a: InboxKey, b: InboxKey): number {
  if (a.rank !== b.rank) return b.rank - a.rank;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}
