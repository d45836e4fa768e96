/**
 * Folds voice features into one agitation score in [-1, 1] (1 = shouting,
 * fast, pitch all over the place; -1 = calm and even). Feed the tracker with
 * `voiceSentimentScore(agitation)`: agitation is bad news, so it is negated.
 */
import type { VoiceFeatures } from './voice-features.js';

/** Reference points for a calm telephone speaker; override per line or per caller baseline. */
export interface AgitationBaseline {
  loudnessDb: number;
  pitchSpreadSemitones: number;
  speakingRate: number;
}

export const DEFAULT_BASELINE: AgitationBaseline = { loudnessDb: -26, pitchSpreadSemitones: 2, speakingRate: 4 };

export function agitationScore(
  features: VoiceFeatures,
  talkOver = 0,
  baseline: AgitationBaseline = DEFAULT_BASELINE,
): number {
  if (features.activeRatio === 0) return 0;
  // Each term is about ±1 at a clearly calm / clearly agitated value.
  const loud = (features.loudnessDb - baseline.loudnessDb) / 10;
  const pitch = (features.pitchSpreadSemitones - baseline.pitchSpreadSemitones) / 2;
  const rate = (features.speakingRate - baseline.speakingRate) / 2;
  const overlap = talkOver / 0.15 - 0.5;
  const combined = 0.4 * loud + 0.3 * pitch + 0.15 * rate + 0.15 * overlap;
  return Math.tanh(1.5 * combined);
}

export function voiceSentimentScore(agitation: number): number {
  return -Math.max(-1, Math.min(1, agitation));
}
