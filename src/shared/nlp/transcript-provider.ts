/**
 * Where streaming speech-to-text plugs in. None ships: a provider (an on-device engine or a
 * cloud service) implements `TranscriptProvider`, and `feedTranscripts` scores the customer's
 * final segments with the text classifier into the same tracker as chat, so spoken anger
 * raises the same alerts as written anger.
 *
 * The audio type is the provider's choice (the phone engine would pass the call's MediaStreams,
 * a server-side provider a PCM stream); shared code never touches it.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../result.js';
import type { SentimentAlert, SentimentTracker } from './alerts/sentiment-tracker.js';
import type { SentimentClassifier } from './sentiment/sentiment-classifier.js';

/** Providers are third-party code talking to third-party services: their output is checked. */
export const transcriptSegmentSchema = z.object({
  speaker: z.enum(['agent', 'customer']),
  text: z.string().max(10_000),
  /** Interim hypotheses are revised as more audio arrives; only final ones are scored. */
  final: z.boolean(),
  /** Epoch milliseconds of the segment's end; the feeder's clock when absent. */
  at: z.number().finite().optional(),
});
export type TranscriptSegment = z.infer<typeof transcriptSegmentSchema>;

export interface TranscriptProvider<Audio> {
  readonly name: string;
  /**
   * Starts transcribing one call. Segments arrive as the provider produces them; ending the
   * iteration (a `break`, or `feedTranscripts` being aborted) must release the provider's
   * resources, which an async generator's `finally` does naturally.
   */
  start(callId: string, audio: Audio): AsyncIterable<TranscriptSegment>;
}

export interface FeedTranscriptsOptions {
  /** The tracker's key: the conversation the call belongs to. */
  conversationId: string;
  classifier: SentimentClassifier;
  tracker: SentimentTracker;
  onAlert?: (alert: SentimentAlert) => void;
  /** Each scored segment, for a live sentiment reading. */
  onScored?: (segment: TranscriptSegment, score: number) => void;
  /** Ends the feed (the call hung up) without waiting for the provider's next segment. */
  signal?: AbortSignal;
  now?: () => number;
}

export interface FeedSummary {
  /** Final customer segments scored into the tracker. */
  scored: number;
  /** Segments that failed validation and were dropped. */
  rejected: number;
}

/**
 * Consumes a provider's segments until they end or `signal` aborts. A provider failure
 * mid-call comes back as an error value carrying what was scored until then.
 */
export async function feedTranscripts(
  segments: AsyncIterable<unknown>,
  options: FeedTranscriptsOptions,
): Promise<Result<FeedSummary>> {
  const now = options.now ?? Date.now;
  const summary: FeedSummary = { scored: 0, rejected: 0 };
  const iterator = segments[Symbol.asyncIterator]();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (options.signal?.aborted === true) resolve('aborted');
    options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  try {
    for (;;) {
      const next = options.signal?.aborted === true ? 'aborted' : await Promise.race([iterator.next(), aborted]);
      if (next === 'aborted') {
        // Not awaited: a provider stuck mid-request must not hold the hang-up.
        void Promise.resolve(iterator.return?.()).catch(() => undefined);
        return ok(summary);
      }
      if (next.done === true) return ok(summary);
      const parsed = transcriptSegmentSchema.safeParse(next.value);
      if (!parsed.success) {
        summary.rejected++;
        continue;
      }
      const segment = parsed.data;
      if (!segment.final || segment.speaker !== 'customer' || segment.text.trim() === '') continue;
      const { score } = options.classifier.classify(segment.text);
      const alert = options.tracker.push(options.conversationId, { score, at: segment.at ?? now(), source: 'text' });
      summary.scored++;
      options.onScored?.(segment, score);
      if (alert !== null) options.onAlert?.(alert);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return err('unavailable', `transcript provider failed after ${summary.scored} scored segments: ${message}`);
  }
}
