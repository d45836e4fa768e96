import { loadDefaultSentimentClassifier } from '../../shared/nlp/sentiment/default-classifier';
import type { SentimentClassifier } from '../../shared/nlp/sentiment/sentiment-classifier';
import { createSentimentTracker, type SentimentAlert } from '../../shared/nlp/alerts/sentiment-tracker';
import type { SentimentTrackerConfigInput } from '../../shared/nlp/alerts/tracker-config';
import { sentimentLabelOf } from '../../shared/nlp/sentiment/sentiment-bands';
import type { ContactSentiment } from '../../shared/protocol/supervisor-protocol';

export interface LiveSentiment {
  /** Scores a customer's message: its own score, and an alert when the conversation's trajectory turned bad. */
  text(conversationId: string, text: string, at: number): { score: number; alert: SentimentAlert | null } | null;
  /** A score from elsewhere (the voice agitation model on a call), in [-1, 1]. */
  sample(conversationId: string, score: number, source: 'text' | 'voice', at: number): SentimentAlert | null;
  of(conversationId: string): ContactSentiment;
  forget(conversationId: string): void;
}

/** The shared NLP classifier and tracker, one trajectory per live contact. */
export function createLiveSentiment(
  classifier: SentimentClassifier = loadDefaultSentimentClassifier(),
  trackerConfig: SentimentTrackerConfigInput = {},
): LiveSentiment {
  const tracker = createSentimentTracker(trackerConfig);
  const sample: LiveSentiment['sample'] = (conversationId, score, source, at) => tracker.push(conversationId, { score, source, at });
  return {
    text(conversationId, text, at) {
      if (text.trim() === '') return null;
      const { score } = classifier.classify(text);
      return { score, alert: sample(conversationId, score, 'text', at) };
    },
    sample,
    of(conversationId) {
      const state = tracker.get(conversationId);
      if (!state) return { label: 'unknown', level: null };
      const level = Math.max(-1, Math.min(1, state.level));
      // The smoothed level is read with the same bands as a single message's score.
      return { label: sentimentLabelOf(level), level };
    },
    forget: (conversationId) => tracker.forget(conversationId),
  };
}
