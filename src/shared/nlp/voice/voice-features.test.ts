import { describe, expect, it } from 'vitest';
import { agitationScore, voiceSentimentScore } from './voice-agitation.js';
import { analyzeFrame, analyzeSpeaker, decimate, estimateF0, featuresFromFrames, splitFrames, talkOverFromLevels, talkOverRatio } from './voice-features.js';

const RATE = 8000;

function steadyTone(seconds: number, hz: number, amplitude: number): Float32Array {
  return Float32Array.from({ length: seconds * RATE }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / RATE));
}

/** Loud, pitch wandering 120–320 Hz, chopped into ~6 syllables a second. */
function agitatedVoice(seconds: number): Float32Array {
  const out = new Float32Array(seconds * RATE);
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    const f0 = 220 + 100 * Math.sin(2 * Math.PI * 0.9 * t) * Math.sin(2 * Math.PI * 2.3 * t);
    phase += (2 * Math.PI * f0) / RATE;
    const syllable = 0.5 + 0.5 * Math.sin(2 * Math.PI * 6 * t);
    out[i] = 0.9 * syllable * Math.sin(phase);
  }
  return out;
}

describe('voice features', () => {
  it('estimates the pitch of a tone', () => {
    const f0 = estimateF0(steadyTone(1, 200, 0.5).subarray(0, 320), RATE);
    expect(f0).toBeGreaterThan(190);
    expect(f0).toBeLessThan(210);
    expect(estimateF0(new Float32Array(320), RATE)).toBeUndefined();
  });

  it('tells a steady quiet tone from a loud, varying, choppy voice', () => {
    const calm = analyzeSpeaker(steadyTone(3, 150, 0.05), RATE);
    const agitated = analyzeSpeaker(agitatedVoice(3), RATE);
    expect(agitated.loudnessDb).toBeGreaterThan(calm.loudnessDb + 10);
    expect(agitated.pitchSpreadSemitones).toBeGreaterThan(calm.pitchSpreadSemitones + 2);
    expect(agitated.speakingRate).toBeGreaterThan(calm.speakingRate);
    const calmScore = agitationScore(calm);
    const agitatedScore = agitationScore(agitated, 0.3);
    expect(calmScore).toBeLessThan(0);
    expect(agitatedScore).toBeGreaterThan(0.5);
    expect(voiceSentimentScore(agitatedScore)).toBeLessThan(-0.5);
  });

  it('measures talk-over and treats silence as neutral', () => {
    const voice = steadyTone(2, 200, 0.3);
    const silence = new Float32Array(2 * RATE);
    expect(talkOverRatio(voice, voice, RATE)).toBeCloseTo(1);
    expect(talkOverRatio(voice, silence, RATE)).toBe(0);
    expect(agitationScore(analyzeSpeaker(silence, RATE))).toBe(0);
  });

  it('gives the same features frame by frame from 48 kHz audio as from the whole 8 kHz signal', () => {
    const hi = 48_000;
    const pcm = Float32Array.from({ length: 2 * hi }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 180 * i) / hi));
    const { pcm: low, sampleRate } = decimate(pcm, hi);
    expect(sampleRate).toBe(8000);
    const stats = splitFrames(low, sampleRate, 40).map((frame) => analyzeFrame(frame, sampleRate));
    expect(stats[3]!.f0).toBeGreaterThan(170);
    expect(stats[3]!.f0).toBeLessThan(190);
    expect(featuresFromFrames(stats)).toEqual(analyzeSpeaker(low, sampleRate));
    expect(analyzeFrame(new Float32Array(320), 8000)).toEqual({ db: -100 });
    expect(talkOverFromLevels([-20, -20, -90, -20], [-20, -90, -20, -20])).toBeCloseTo(0.5);
  });
});
