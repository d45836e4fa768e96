/**
 * Where streaming speech-to-text plugs in. None ships: a provider (a local
 * engine or a cloud service) implements this, and `connectTranscripts`
 * routes its final segments through the text classifier into the tracker.
 */
import type { SentimentAlert, SentimentTracker } from '../alerts/sentiment-tracker.js';
import type { SentimentClassifier } from '../sentiment/sentiment-classifier.js';

export interface TranscriptSegment {
  speaker: 'agent' | 'customer';
  text: string;
  /** Interim hypotheses may be revised; only final ones are scored. */
  isFinal: boolean;
  /** Epoch milliseconds of the segment's end. */
  at: number;
}

export interface TranscriptProvider {
  readonly name: string;
  /** Audio for one speaker; PCM in [-1, 1]. */
  pushAudio(speaker: 'agent' | 'customer', pcm: Float32Array, sampleRate: number): void;
  /** Returns an unsubscribe function. */
  onSegment(listener: (segment: TranscriptSegment) => void): () => void;
  close(): Promise<void>;
}

export function connectTranscripts(
  provider: TranscriptProvider,
  conversationId: string,
  classifier: SentimentClassifier,
  tracker: SentimentTracker,
  onAlert: (alert: SentimentAlert) => void,
): () => void {
  return provider.onSegment((segment) => {
    if (!segment.isFinal || segment.speaker !== 'customer' || segment.text.trim() === '') return;
    const { score } = classifier.classify(segment.text);
    const alert = tracker.push(conversationId, { score, at: segment.at, source: 'text' });
    if (alert !== null) onAlert(alert);
  });
}
