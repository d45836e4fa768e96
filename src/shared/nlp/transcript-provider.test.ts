import { describe, expect, it } from 'vitest';
import { createSentimentTracker, type SentimentAlert } from './alerts/sentiment-tracker.js';
import { loadDefaultSentimentClassifier } from './sentiment/default-classifier.js';
import { feedTranscripts, type TranscriptProvider, type TranscriptSegment } from './transcript-provider.js';

/** An in-memory provider: "transcribes" by replaying a script, the way a real engine streams. */
function scriptedProvider(script: readonly unknown[], opts: { failAfter?: number; hangAfter?: number } = {}) {
  const state = { started: [] as string[], released: false };
  const provider: TranscriptProvider<{ script: string }> = {
    name: 'scripted',
    async *start(callId) {
      state.started.push(callId);
      try {
        for (let i = 0; i < script.length; i++) {
          if (i === opts.failAfter) throw new Error('socket closed');
          if (i === opts.hangAfter) await new Promise(() => undefined);
          await Promise.resolve();
          yield script[i] as TranscriptSegment;
        }
      } finally {
        state.released = true;
      }
    },
  };
  return { provider, state };
}

const SECOND = 1000;
const angryCall: TranscriptSegment[] = [
  { speaker: 'agent', text: 'Thank you for calling, how can I help?', final: true, at: 0 },
  { speaker: 'customer', text: 'this is terr', final: false, at: 5 * SECOND },
  { speaker: 'customer', text: 'This is terrible, the worst service I have ever had.', final: true, at: 10 * SECOND },
  { speaker: 'customer', text: '你们太差劲了，我非常生气，退钱！', final: true, at: 25 * SECOND },
  { speaker: 'customer', text: 'Awful. Completely useless and rude.', final: true, at: 40 * SECOND },
  { speaker: 'customer', text: 'I hate this, it is a disgrace and a waste of money.', final: true, at: 55 * SECOND },
];

describe('transcript provider', () => {
  it('feeds final customer segments through the classifier into the tracker, which alerts', async () => {
    const { provider, state } = scriptedProvider(angryCall);
    const tracker = createSentimentTracker();
    const alerts: SentimentAlert[] = [];
    const scored: Array<[string, number]> = [];
    const result = await feedTranscripts(provider.start('sip-call-1', { script: 'angry' }), {
      conversationId: 'conv-1',
      classifier: loadDefaultSentimentClassifier(),
      tracker,
      onAlert: (a) => alerts.push(a),
      onScored: (segment, score) => scored.push([segment.text, score]),
    });
    expect(result).toEqual({ ok: true, value: { scored: 4, rejected: 0 } });
    expect(state.started).toEqual(['sip-call-1']);
    // Only the customer's final words are scored, and the classifier found them negative.
    expect(scored.map(([text]) => text)).toEqual(angryCall.slice(2).map((s) => s.text));
    expect(scored.every(([, score]) => score < 0)).toBe(true);
    expect(tracker.get('conv-1')!.level).toBeLessThan(-0.35);
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts[0]!.conversationId).toBe('conv-1');
  });

  it('drops malformed segments, and reports a provider failure as a value with what was scored', async () => {
    const junk = [{ speaker: 'supervisor', text: 'x', final: true }, 'not a segment', ...angryCall];
    const { provider, state } = scriptedProvider(junk, { failAfter: 5 });
    const result = await feedTranscripts(provider.start('c', { script: '' }), {
      conversationId: 'conv-2',
      classifier: loadDefaultSentimentClassifier(),
      tracker: createSentimentTracker(),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('after 1 scored') });
    expect(state.released).toBe(true);
  });

  it('stops at hang-up and releases the provider', async () => {
    const { provider, state } = scriptedProvider(angryCall);
    const hangUp = new AbortController();
    const result = await feedTranscripts(provider.start('c', { script: '' }), {
      conversationId: 'conv-3',
      classifier: loadDefaultSentimentClassifier(),
      tracker: createSentimentTracker(),
      signal: hangUp.signal,
      onScored: () => hangUp.abort(),
    });
    expect(result).toEqual({ ok: true, value: { scored: 1, rejected: 0 } });
    await Promise.resolve();
    expect(state.released).toBe(true);
  });

  it('stops at hang-up without waiting for a provider that has gone quiet', async () => {
    const { provider } = scriptedProvider(angryCall, { hangAfter: 3 });
    const hangUp = new AbortController();
    const result = await feedTranscripts(provider.start('c', { script: '' }), {
      conversationId: 'conv-4',
      classifier: loadDefaultSentimentClassifier(),
      tracker: createSentimentTracker(),
      signal: hangUp.signal,
      // Hung up once the provider is stuck waiting for its next result.
      onScored: () => void setTimeout(() => hangUp.abort(), 0),
    });
    expect(result).toEqual({ ok: true, value: { scored: 1, rejected: 0 } });
  });
});
