import { z } from 'zod';
import { channelSchema, type Channel } from '../../shared/domain/channel';
import type { SentimentLabel } from '../../shared/nlp/sentiment/sentiment-bands';
import type { QueryFn } from './sqlite-query';

/**
 * What the historical reports count, each over a period [since, until) and grouped by queue and
 * agent so a report can sum any way. Queue waits and handle time come from QueueQueries.queueStats
 * and AssignmentQueries.handlingBetween, the wallboard's own queries.
 */
export interface ContactCountRow {
  queue: string;
  channel: Channel;
  contacts: number;
}
export interface AgentContactRow extends ContactCountRow {
  agentId: string;
}
export interface ClosureRow {
  queue: string;
  agentId: string;
  closed: number;
  /** Closed with no new contact from the same customer, on any channel, within the window. */
  resolved: number;
}
export interface RatingRow {
  queue: string;
  agentId: string | null;
  rated: number;
  satisfied: number;
  ratingSum: number;
}
export interface SentimentRow {
  queue: string;
  agentId: string | null;
  label: SentimentLabel;
  contacts: number;
}

export interface ReportQueries {
  /** Conversations that began in the period, by their queue and first channel. */
  contactsOpened(since: number, until: number): ContactCountRow[];
  /** Conversations an agent answered in the period (each once per agent). */
  contactsAnswered(since: number, until: number): AgentContactRow[];
  /** Handled conversations closed in the period, by the agent who last answered them, and how many were resolved at first contact. */
  closures(since: number, until: number, windowMs: number): ClosureRow[];
  /** Survey answers given in the period. */
  ratingCounts(since: number, until: number): RatingRow[];
  /** The customer's mood over conversations closed in the period. */
  sentimentCounts(since: number, until: number): SentimentRow[];
}

const n = (v: unknown): number => Number(v ?? 0);
const contactRow = z.object({ queue: z.string(), channel: channelSchema, contacts: z.number() });
const sentimentRow = z.object({ queue: z.string(), agent_id: z.string().nullable(), label: z.enum(['negative', 'neutral', 'positive']), contacts: z.number() });

export function reportQueries(q: QueryFn): ReportQueries {
  return {
    contactsOpened: (since, until) =>
      q(`SELECT queue, channel, COUNT(*) AS contacts FROM conversations WHERE created_at >= ? AND created_at < ? GROUP BY queue, channel`)
        .all(since, until)
        .map((r) => contactRow.parse(r)),
    contactsAnswered: (since, until) =>
      q<{ agent_id: string; queue: string; channel: string; contacts: number }>(
        `SELECT agent_id, queue, channel, COUNT(DISTINCT conversation_id) AS contacts FROM assignments
         WHERE answered_at IS NOT NULL AND answered_at >= ? AND answered_at < ? GROUP BY agent_id, queue, channel`,
      )
        .all(since, until)
        .map((r) => ({ agentId: r.agent_id, ...contactRow.parse(r) })),
    closures: (since, until, windowMs) =>
      q<{ queue: string; agent_id: string; closed: number; resolved: number | null }>(
        `WITH handled AS (
           SELECT c.id, c.customer_id, c.queue, c.closed_at,
             (SELECT a.agent_id FROM assignments a WHERE a.conversation_id = c.id AND a.answered_at IS NOT NULL
              ORDER BY a.answered_at DESC LIMIT 1) AS agent_id
           FROM conversations c WHERE c.status = 'closed' AND c.closed_at >= @since AND c.closed_at < @until
         )
         SELECT queue, agent_id, COUNT(*) AS closed,
           SUM(NOT EXISTS (SELECT 1 FROM conversations later WHERE later.customer_id = h.customer_id AND later.id != h.id
                           AND later.created_at > h.closed_at AND later.created_at <= h.closed_at + @window)) AS resolved
         FROM handled h WHERE agent_id IS NOT NULL GROUP BY queue, agent_id`,
      )
        .all({ since, until, window: windowMs })
        .map((r) => ({ queue: r.queue, agentId: r.agent_id, closed: n(r.closed), resolved: n(r.resolved) })),
    ratingCounts: (since, until) =>
      q<{ queue: string; agent_id: string | null; rated: number; satisfied: number | null; total: number | null }>(
        `SELECT queue, agent_id, COUNT(*) AS rated, SUM(rating >= 4) AS satisfied, SUM(rating) AS total FROM surveys
         WHERE rated_at IS NOT NULL AND rated_at >= ? AND rated_at < ? GROUP BY queue, agent_id`,
      )
        .all(since, until)
        .map((r) => ({ queue: r.queue, agentId: r.agent_id, rated: n(r.rated), satisfied: n(r.satisfied), ratingSum: n(r.total) })),
    sentimentCounts: (since, until) =>
      q(`SELECT queue, agent_id, label, COUNT(*) AS contacts FROM contact_sentiments WHERE closed_at >= ? AND closed_at < ? GROUP BY queue, agent_id, label`)
        .all(since, until)
        .map((r) => {
          const p = sentimentRow.parse(r);
          return { queue: p.queue, agentId: p.agent_id, label: p.label, contacts: p.contacts };
        }),
  };
}
