import { kbArticleSchema, type KbArticle } from '../../shared/domain/kb-article';
import type { QueryFn } from './sqlite-query';

/** A transfer that moved a conversation routed by intent to another queue: a labelled example for retraining. */
export interface IntentCorrection {
  conversationId: string;
  /** The customer's message the intent was read from (masked, as stored). */
  text: string;
  language: string;
  /** What the model said (a service queue, or 'none'), its fine intent and confidence. */
  detectedQueue: string;
  detectedIntent: string | null;
  confidence: number;
  /** The queue the agent moved it to. */
  correctedQueue: string;
  agentId: string;
  at: number;
}

export interface AssistQueries {
  recordIntentCorrection(correction: IntentCorrection): void;
  /** Oldest first, from `since` on (the retraining export reads them all). */
  intentCorrections(since: number): IntentCorrection[];
  /** Inserts a new article (version 1) or writes an edit if the stored version is still `expectedVersion`. */
  saveArticle(article: KbArticle, expectedVersion: number | null): boolean;
  article(id: string): KbArticle | null;
  /** Every article, retired ones too, newest edit first. */
  articles(): KbArticle[];
}

const articleOf = (r: Record<string, unknown>): KbArticle =>
  kbArticleSchema.parse({
    id: r.id,
    title: r.title,
    body: r.body,
    tags: JSON.parse(String(r.tags)),
    locale: r.locale,
    retiredAt: r.retired_at ?? null,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    version: r.version,
  });

interface CorrectionRow {
  conversation_id: string;
  text: string;
  language: string;
  detected_queue: string;
  detected_intent: string | null;
  confidence: number;
  corrected_queue: string;
  agent_id: string;
  at: number;
}

export function assistQueries(q: QueryFn): AssistQueries {
  return {
    recordIntentCorrection(c) {
      q(
        `INSERT INTO intent_corrections (conversation_id, text, language, detected_queue, detected_intent, confidence, corrected_queue, agent_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(c.conversationId, c.text, c.language, c.detectedQueue, c.detectedIntent, c.confidence, c.correctedQueue, c.agentId, c.at);
    },
    saveArticle(a, expectedVersion) {
      const values = [a.title, a.body, JSON.stringify(a.tags), a.locale, a.retiredAt, a.updatedAt, a.updatedBy, a.version];
      if (expectedVersion === null) {
        return (
          q('INSERT INTO kb_articles (title, body, tags, locale, retired_at, updated_at, updated_by, version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING').run(...values, a.id)
            .changes === 1
        );
      }
      return (
        q('UPDATE kb_articles SET title=?, body=?, tags=?, locale=?, retired_at=?, updated_at=?, updated_by=?, version=? WHERE id=? AND version=?').run(
          ...values,
          a.id,
          expectedVersion,
        ).changes === 1
      );
    },
    article: (id) => {
      const r = q('SELECT * FROM kb_articles WHERE id = ?').get(id);
      return r ? articleOf(r) : null;
    },
    articles: () => q('SELECT * FROM kb_articles ORDER BY updated_at DESC, id').all().map(articleOf),
    intentCorrections: (since) =>
      q<CorrectionRow>('SELECT * FROM intent_corrections WHERE at >= ? ORDER BY id').all(since).map((r) => ({
        conversationId: r.conversation_id,
        text: r.text,
        language: r.language,
        detectedQueue: r.detected_queue,
        detectedIntent: r.detected_intent,
        confidence: r.confidence,
        correctedQueue: r.corrected_queue,
        agentId: r.agent_id,
        at: r.at,
      })),
  };
}
