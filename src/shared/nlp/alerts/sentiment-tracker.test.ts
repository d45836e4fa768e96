import { describe, expect, it } from 'vitest';
import { createSentimentTracker } from './sentiment-tracker.js';

const SECOND = 1000;

describe('sentiment tracker', () => {
  it('stays quiet for a calm conversation and one grumpy message', () => {
    const tracker = createSentimentTracker();
    const scores = [0.3, 0.1, -0.8, 0.4, 0.5];
    const alerts = scores.map((score, i) => tracker.push('c1', { score, at: i * 20 * SECOND, source: 'text' }));
    expect(alerts.every((a) => a === null)).toBe(true);
  });

  it('fires on sustained negativity, once per cooldown window', () => {
    const tracker = createSentimentTracker({ cooldownMs: 600 * SECOND });
    const alerts = Array.from({ length: 8 }, (_, i) =>
      tracker.push('c1', { score: -0.7, at: i * 15 * SECOND, source: 'text' }),
    ).filter((a) => a !== null);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ conversationId: 'c1', kind: 'sustained-negative', escalation: false });
  });

  it('fires on a sharp drop', () => {
    const tracker = createSentimentTracker();
    tracker.push('c2', { score: 0.8, at: 0, source: 'text' });
    tracker.push('c2', { score: 0.7, at: 10 * SECOND, source: 'text' });
    const a = tracker.push('c2', { score: -1, at: 20 * SECOND, source: 'text' });
    const b = tracker.push('c2', { score: -1, at: 30 * SECOND, source: 'text' });
    const alert = a ?? b;
    expect(alert?.kind).toBe('sharp-drop');
    expect(alert?.from).toBeGreaterThan(0.5);
  });

  it('re-alerts inside the cooldown only when the conversation worsens', () => {
    const tracker = createSentimentTracker({ sustainedThreshold: -0.2, sustainedMs: 0, sustainedSamples: 1, worsenMargin: 0.2 });
    const first = tracker.push('c3', { score: -0.3, at: 0, source: 'text' });
    expect(first?.kind).toBe('sustained-negative');
    expect(tracker.push('c3', { score: -0.35, at: SECOND, source: 'text' })).toBeNull();
    const worse = tracker.push('c3', { score: -1, at: 2 * SECOND, source: 'text' });
    expect(worse).toMatchObject({ escalation: true });
  });

  it('lets voice samples move the trajectory less than messages', () => {
    const tracker = createSentimentTracker();
    tracker.push('t', { score: 0.5, at: 0, source: 'text' });
    tracker.push('v', { score: 0.5, at: 0, source: 'text' });
    tracker.push('t', { score: -1, at: SECOND, source: 'text' });
    tracker.push('v', { score: -1, at: SECOND, source: 'voice' });
    expect(tracker.get('v')!.level).toBeGreaterThan(tracker.get('t')!.level);
  });

  it('keeps conversations apart and validates its config', () => {
    const tracker = createSentimentTracker();
    tracker.push('a', { score: -1, at: 0, source: 'text' });
    expect(tracker.get('b')).toBeUndefined();
    tracker.forget('a');
    expect(tracker.get('a')).toBeUndefined();
    expect(() => createSentimentTracker({ alpha: 2 })).toThrow();
  });
});
