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
}

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
