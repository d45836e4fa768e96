import { hubEventSchema, type HubEvent, type NewHubEvent } from '../../shared/protocol/hub-events';
import type { QueryFn } from './sqlite-query';

/** An event as a feed holds it: `seq` is its position in that feed, the cursor a desktop syncs by. */
export interface FeedEntry {
  pos: number;
  event: HubEvent;
}

export interface FeedQueries {
  /** Stores the event (not yet in any feed) and gives it its global sequence number. */
  appendEvent(event: NewHubEvent, at: number): HubEvent;
  /** Appends the event to each owner's feed, after everything already there; returns the position it took in each. */
  appendToFeeds(seq: number, owners: readonly string[]): Array<{ owner: string; pos: number }>;
  /**
   * Appends to `owner`'s feed the events of the conversation (and the customer's own events) that it
   * does not hold yet and that came before `beforeSeq`, in their order: what someone who newly sees
   * the conversation missed. Nothing is copied; the feed points at the stored events.
   */
  grantHistory(owner: string, conversationId: string, customerId: string, beforeSeq: number): number;
  feedAfter(owner: string, after: number, limit: number): FeedEntry[];
  feedHead(owner: string): number;
  /** Whether any feed holds anything: false on a store whose events predate feeds. */
  feedsStarted(): boolean;
  eventCount(): number;
  /** Stored event sequence numbers after `seq`, in order. */
  eventSeqsAfter(seq: number, limit: number): number[];
  /** Deletes events (and their feed entries) older than `at`; returns how many events went. */
  pruneEventsBefore(at: number): number;
}

const conversationOf = (e: NewHubEvent): string | null =>
  e.kind === 'conversation.upserted' ? e.conversation.id : e.kind === 'message.created' || e.kind === 'message.updated' ? e.message.conversationId : null;

/**
 * Payloads were checked against hubEventSchema when they were stored (appendEvent), and only this
 * module writes them: reading them back is a JSON parse, not a second validation per socket.
 */
const parse = (r: { seq: number; at: number; payload: string }): HubEvent => ({ ...(JSON.parse(r.payload) as HubEvent), seq: r.seq, at: r.at });

export function feedQueries(q: QueryFn): FeedQueries {
  const nextPos = q<{ head: number }>(
    'INSERT INTO feed_heads (owner, head) VALUES (?, 1) ON CONFLICT(owner) DO UPDATE SET head = head + 1 RETURNING head',
  );
  const insert = q('INSERT INTO feeds (owner, pos, event_seq) VALUES (?, ?, ?)');
  const append = (owner: string, seq: number): number => {
    const pos = nextPos.get(owner)?.head;
    if (pos === undefined) throw new Error(`no position for feed ${owner}`);
    insert.run(owner, pos, seq);
    return pos;
  };
  return {
    appendEvent(event, at) {
      const info = q('INSERT INTO events (at, kind, payload, conversation_id, customer_id) VALUES (?, ?, ?, ?, ?)').run(
        at, event.kind, JSON.stringify(event), conversationOf(event), event.kind === 'customer.upserted' ? event.customer.id : null,
      );
      return hubEventSchema.parse({ ...event, seq: Number(info.lastInsertRowid), at });
    },
    appendToFeeds: (seq, owners) => owners.map((owner) => ({ owner, pos: append(owner, seq) })),
    grantHistory(owner, conversationId, customerId, beforeSeq) {
      const missing = q<{ seq: number }>(
        `SELECT e.seq FROM events e
         WHERE (e.conversation_id = ? OR e.customer_id = ?) AND e.seq < ?
           AND NOT EXISTS (SELECT 1 FROM feeds f WHERE f.owner = ? AND f.event_seq = e.seq)
         ORDER BY e.seq`,
      ).all(conversationId, customerId, beforeSeq, owner);
      for (const { seq } of missing) append(owner, seq);
      return missing.length;
    },
    feedAfter: (owner, after, limit) =>
      q<{ pos: number; seq: number; at: number; payload: string }>(
        `SELECT f.pos, e.seq, e.at, e.payload FROM feeds f JOIN events e ON e.seq = f.event_seq
         WHERE f.owner = ? AND f.pos > ? ORDER BY f.pos LIMIT ?`,
      )
        .all(owner, after, limit)
        .map((r) => ({ pos: r.pos, event: parse(r) })),
    feedHead: (owner) => Number(q<{ head: number }>('SELECT head FROM feed_heads WHERE owner = ?').get(owner)?.head ?? 0),
    feedsStarted: () => q('SELECT 1 FROM feed_heads LIMIT 1').get() !== undefined,
    eventSeqsAfter: (seq, limit) => q<{ seq: number }>('SELECT seq FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit).map((r) => r.seq),
    eventCount: () => Number(q<{ n: number }>('SELECT COUNT(*) AS n FROM events').get()?.n ?? 0),
    pruneEventsBefore: (at) => q('DELETE FROM events WHERE at < ?').run(at).changes,
  };
}
