import { z } from 'zod';
import { channelSchema, type Channel } from '../../shared/domain/channel';
import type { QueryFn } from './sqlite-query';

/** Why the bot gave a conversation to people, or that it resolved it itself. */
export const botHandoffReasons = ['asked', 'not_confident', 'negative', 'takeover'] as const;
export type BotHandoffReason = (typeof botHandoffReasons)[number];
export type BotOutcome = 'resolved' | 'handed_off' | 'abandoned';

/** The bot's part of one conversation. */
export interface BotSession {
  conversationId: string;
  queue: string;
  channel: Channel;
  startedAt: number;
  /** Questions in a row the bot could not answer with confidence. */
  misses: number;
  /** When the bot last answered: inactivity counts from here. */
  lastAnswerAt: number | null;
  endedAt: number | null;
  outcome: BotOutcome | null;
  reason: string | null;
}

/** Bot sessions that ended in a period, per queue. */
export interface BotOutcomeRow {
  queue: string;
  resolved: number;
  handedOff: number;
  abandoned: number;
}

export interface BotQueries {
  startBotSession(conversationId: string, queue: string, channel: Channel, at: number): void;
  botSession(conversationId: string): BotSession | null;
  /** Sets the count of misses in a row (0 after a confident answer) and, when given, the time of the answer. */
  recordBotTurn(conversationId: string, misses: number, answeredAt: number | null): void;
  /** Ends a session still open; false when it had already ended. */
  endBotSession(conversationId: string, outcome: BotOutcome, reason: string | null, at: number): boolean;
  /** Sessions that ended in [since, until), per queue the conversation was in when the bot started. */
  botOutcomes(since: number, until: number): BotOutcomeRow[];
}

const row = z.object({
  conversation_id: z.string(),
  queue: z.string(),
  channel: channelSchema,
  started_at: z.number(),
  misses: z.number(),
  last_answer_at: z.number().nullable(),
  ended_at: z.number().nullable(),
  outcome: z.enum(['resolved', 'handed_off', 'abandoned']).nullable(),
  reason: z.string().nullable(),
});

export function botQueries(q: QueryFn): BotQueries {
  return {
    startBotSession(conversationId, queue, channel, at) {
      q('INSERT INTO bot_sessions (conversation_id, queue, channel, started_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(conversationId, queue, channel, at);
    },
    botSession(conversationId) {
      const r = q('SELECT * FROM bot_sessions WHERE conversation_id = ?').get(conversationId);
      if (!r) return null;
      const p = row.parse(r);
      return {
        conversationId: p.conversation_id,
        queue: p.queue,
        channel: p.channel,
        startedAt: p.started_at,
        misses: p.misses,
        lastAnswerAt: p.last_answer_at,
        endedAt: p.ended_at,
        outcome: p.outcome,
        reason: p.reason,
      };
    },
    recordBotTurn(conversationId, misses, answeredAt) {
      q('UPDATE bot_sessions SET misses = ?, last_answer_at = COALESCE(?, last_answer_at) WHERE conversation_id = ? AND ended_at IS NULL').run(misses, answeredAt, conversationId);
    },
    endBotSession(conversationId, outcome, reason, at) {
      return q('UPDATE bot_sessions SET ended_at = ?, outcome = ?, reason = ? WHERE conversation_id = ? AND ended_at IS NULL').run(at, outcome, reason, conversationId).changes > 0;
    },
    botOutcomes(since, until) {
      return q<{ queue: string; resolved: number | null; handed_off: number | null; abandoned: number | null }>(
        `SELECT queue, SUM(outcome = 'resolved') AS resolved, SUM(outcome = 'handed_off') AS handed_off, SUM(outcome = 'abandoned') AS abandoned
         FROM bot_sessions
         WHERE ended_at IS NOT NULL AND ended_at >= ? AND ended_at < ? GROUP BY queue`,
      )
        .all(since, until)
        .map((r) => ({ queue: r.queue, resolved: Number(r.resolved ?? 0), handedOff: Number(r.handed_off ?? 0), abandoned: Number(r.abandoned ?? 0) }));
    },
  };
}
