import { describe, expect, it } from 'vitest';
import { createCallAgitationScorer } from './call-agitation-scorer.js';
import type { VoiceFeatures } from './voice-features.js';

function window(loudnessDb: number, pitchSpreadSemitones: number, speakingRate: number, activeRatio = 0.7): VoiceFeatures {
  return { loudnessDb, pitchSpreadSemitones, speakingRate, activeRatio, frames: 75 };
}

describe('call agitation scorer', () => {
  it('scores a calm caller 0 on a quiet line and a loud line alike', () => {
    for (const level of [-40, -20]) {
      const scorer = createCallAgitationScorer();
      const scores = [0, 1, 2, 3, 4, 5].map((i) => scorer.push(window(level + (i % 2), 2.5, 4), 0).score);
      expect(scores.every((s) => s === 0)).toBe(true);
    }
  });

  it('scores the same caller clearly negative once they get louder, more varied and talk over the agent', () => {
    const scorer = createCallAgitationScorer();
    for (let i = 0; i < 3; i++) scorer.push(window(-38, 2, 3.5), 0);
    const angry = scorer.push(window(-22, 6, 5.5), 0.5);
    expect(angry.score).toBeLessThan(-0.6);
    expect(angry.score).toBeGreaterThanOrEqual(-1);
    expect(angry.calibrating).toBe(false);
    // Talk-over alone on an otherwise calm voice moves the score less than the full picture.
    const overlapOnly = createCallAgitationScorer();
    for (let i = 0; i < 3; i++) overlapOnly.push(window(-38, 2, 3.5), 0);
    const interrupting = overlapOnly.push(window(-38, 2, 3.5), 0.5).score;
    expect(interrupting).toBeLessThan(0);
    expect(interrupting).toBeGreaterThan(angry.score);
  });

  it('does not take a caller who opens shouting as their own calm', () => {
    const scorer = createCallAgitationScorer();
    const first = scorer.push(window(-6, 8, 7), 0.4);
    expect(first.calibrating).toBe(true);
    expect(first.score).toBeLessThan(-0.5);
    expect(scorer.baseline.loudnessDb).toBeLessThanOrEqual(-16);
  });

  it('keeps its reference through an outburst and skips windows where the customer hardly spoke', () => {
    const scorer = createCallAgitationScorer();
    for (let i = 0; i < 3; i++) scorer.push(window(-35, 2, 4), 0);
    const before = scorer.baseline;
    for (let i = 0; i < 5; i++) scorer.push(window(-15, 7, 6), 0.3);
    expect(scorer.baseline).toEqual(before);
    const silent = scorer.push(window(-100, 0, 0, 0), 0);
    expect(silent).toMatchObject({ score: 0, judged: false });
  });
});
