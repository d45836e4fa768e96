import type { Conversation } from '../../shared/domain/conversation';
import type { Message } from '../../shared/domain/message';
import { loadDefaultSentimentClassifier } from '../../shared/nlp/sentiment/default-classifier';
import { summarize } from '../../shared/nlp/summary/summarize';
import { summarizeCustomer } from '../../shared/nlp/summary/summarize-customer';
import type { ConversationTurn } from '../../shared/nlp/summary/conversation-turn';

/** What a customer and an agent said, in order: notes and system lines are not part of a summary. */
export function turnsOf(messages: readonly Message[]): ConversationTurn[] {
  return messages
    .filter((m) => !m.internal && m.authorKind !== 'system' && m.text.trim() !== '')
    .map((m) => ({ speaker: m.authorKind === 'agent' ? 'agent' : 'customer', text: m.text }));
}

/** The one-line summary written when a conversation closes. */
export function summarizeConversation(messages: readonly Message[]): string {
  return summarize(turnsOf(messages));
}

/** Mean sentiment of what the customer wrote, in [-1, 1]; null when they wrote nothing scorable. */
export function customerSentiment(messages: readonly Message[]): number | null {
  const classifier = loadDefaultSentimentClassifier();
  const scores = messages
    .filter((m) => m.authorKind === 'customer' && m.text.trim() !== '')
    .map((m) => classifier.classify(m.text))
    .filter((r) => r.language !== 'none')
    .map((r) => r.score);
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 1000) / 1000;
}

/** A short cross-channel summary of the customer's recent conversations, newest first. */
export function customerHistorySummary(entries: ReadonlyArray<{ conversation: Conversation; messages: readonly Message[] }>): string {
  return summarizeCustomer(
    entries.map(({ conversation, messages }) => ({
      channel: conversation.channel,
      startedAt: conversation.createdAt,
      turns: turnsOf(messages),
    })),
  );
}
