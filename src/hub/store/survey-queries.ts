import { z } from 'zod';
import { surveyChannelSchema, surveyLanguageSchema, type CustomerRating, type SurveyChannel, type SurveyLanguage } from '../../shared/domain/survey';
import type { SentimentLabel } from '../../shared/nlp/sentiment/sentiment-bands';
import { placeholders, type QueryFn, type Row } from './sqlite-query';

/** One satisfaction survey: asked once per closed conversation, answered at most once, before it expires. */
export interface SurveyRecord {
  id: string;
  conversationId: string;
  customerId: string;
  queue: string;
  /** Who last handled the contact. */
  agentId: string | null;
  channel: string;
  language: SurveyLanguage;
  /** Where the customer was asked; null when no channel could reach them. */
  askedVia: SurveyChannel | null;
  askedAt: number;
  expiresAt: number;
  rating: number | null;
  comment: string | null;
  ratedAt: number | null;
  ratedVia: SurveyChannel | null;
}

export interface SurveyQueries {
  insertSurvey(survey: SurveyRecord): void;
  survey(id: string): SurveyRecord | null;
  surveyOfConversation(conversationId: string): SurveyRecord | null;
  /** The customer's newest survey asked on `via`, unanswered and not expired at `at`. */
  openSurveyOf(customerIds: readonly string[], via: SurveyChannel, at: number): SurveyRecord | null;
  /** Records the answer once: false when it was answered already or has expired. */
  rateSurvey(id: string, rating: number, comment: string | null, via: SurveyChannel, at: number): boolean;
  /** The answers given on these conversations. */
  ratingsOf(conversationIds: readonly string[]): Map<string, CustomerRating>;
  /** The customer's mood over a closed conversation, kept for the reports. */
  recordContactSentiment(conversationId: string, queue: string, agentId: string | null, label: SentimentLabel, at: number): void;
}

const surveyRowSchema = z.object({
  id: z.string(),
  conversation_id: z.string(),
  customer_id: z.string(),
  queue: z.string(),
  agent_id: z.string().nullable(),
  channel: z.string(),
  language: surveyLanguageSchema,
  asked_via: surveyChannelSchema.nullable(),
  asked_at: z.number(),
  expires_at: z.number(),
  rating: z.number().nullable(),
  comment: z.string().nullable(),
  rated_at: z.number().nullable(),
  rated_via: surveyChannelSchema.nullable(),
});

function surveyFromRow(row: Row): SurveyRecord {
  const r = surveyRowSchema.parse(row);
  return {
    id: r.id,
    conversationId: r.conversation_id,
    customerId: r.customer_id,
    queue: r.queue,
    agentId: r.agent_id,
    channel: r.channel,
    language: r.language,
    askedVia: r.asked_via,
    askedAt: r.asked_at,
    expiresAt: r.expires_at,
    rating: r.rating,
    comment: r.comment,
    ratedAt: r.rated_at,
    ratedVia: r.rated_via,
  };
}

export function surveyQueries(q: QueryFn): SurveyQueries {
  return {
    insertSurvey(s) {
      q(
        `INSERT INTO surveys (id, conversation_id, customer_id, queue, agent_id, channel, language, asked_via, asked_at, expires_at, rating, comment, rated_at, rated_via)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(s.id, s.conversationId, s.customerId, s.queue, s.agentId, s.channel, s.language, s.askedVia, s.askedAt, s.expiresAt, s.rating, s.comment, s.ratedAt, s.ratedVia);
    },
    survey: (id) => {
      const r = q('SELECT * FROM surveys WHERE id = ?').get(id);
      return r ? surveyFromRow(r) : null;
    },
    surveyOfConversation: (conversationId) => {
      const r = q('SELECT * FROM surveys WHERE conversation_id = ?').get(conversationId);
      return r ? surveyFromRow(r) : null;
    },
    openSurveyOf(customerIds, via, at) {
      if (customerIds.length === 0) return null;
      const r = q(
        `SELECT * FROM surveys WHERE customer_id IN (${placeholders(customerIds.length)}) AND asked_via = ? AND rated_at IS NULL AND expires_at > ?
         ORDER BY asked_at DESC LIMIT 1`,
      ).get(...customerIds, via, at);
      return r ? surveyFromRow(r) : null;
    },
    rateSurvey(id, rating, comment, via, at) {
      return (
        q('UPDATE surveys SET rating = ?, comment = ?, rated_at = ?, rated_via = ? WHERE id = ? AND rated_at IS NULL AND expires_at > ?').run(
          rating, comment, at, via, id, at,
        ).changes === 1
      );
    },
    ratingsOf(conversationIds) {
      if (conversationIds.length === 0) return new Map();
      const rows = q(
        `SELECT conversation_id, rating, comment, rated_at, rated_via FROM surveys
         WHERE conversation_id IN (${placeholders(conversationIds.length)}) AND rated_at IS NOT NULL`,
      ).all(...conversationIds);
      return new Map(
        rows.map((row) => {
          const r = surveyRowSchema.pick({ conversation_id: true, rating: true, comment: true, rated_at: true, rated_via: true }).parse(row);
          return [r.conversation_id, { rating: r.rating ?? 0, comment: r.comment, ratedAt: r.rated_at ?? 0, via: r.rated_via ?? 'widget' }];
        }),
      );
    },
    recordContactSentiment(conversationId, queue, agentId, label, at) {
      q(
        `INSERT INTO contact_sentiments (conversation_id, queue, agent_id, label, closed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(conversation_id) DO UPDATE SET queue = excluded.queue, agent_id = excluded.agent_id, label = excluded.label, closed_at = excluded.closed_at`,
      ).run(conversationId, queue, agentId, label, at);
    },
  };
}
