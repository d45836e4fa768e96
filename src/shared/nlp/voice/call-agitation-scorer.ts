/**
 * Turns a call's successive feature windows into voice sentiment scores in
 * [-1, 0] (0 calm, -1 most agitated), each judged against this caller's own
 * calm reference: lines and voices differ by 20 dB and an octave, so a fixed
 * reference would call a loud line angry and miss a quiet caller's anger.
 */
import { agitationScore, DEFAULT_BASELINE, type AgitationBaseline } from './voice-agitation.js';
import type { VoiceFeatures } from './voice-features.js';

export interface CallAgitationScorerOptions {
  /** Windows with the customer speaking that form the initial reference. */
  warmupWindows?: number;
  /** A window where the customer spoke less than this share of the time is not judged. */
  minActiveRatio?: number;
  /**
   * The reference never rises above these: a caller who starts off shouting
   * is not their own calm reference.
   */
  ceiling?: AgitationBaseline;
  /** Nor falls below these: a monotone opening would make every normal inflection look agitated. */
  floor?: AgitationBaseline;
  /** Agitation below this is ordinary variation and scores 0. */
  deadband?: number;
  /** How fast later calm windows move the reference. */
  adaptRate?: number;
}

export interface VoiceAgitationReading {
  /** In [-1, 0]; what `reportVoiceSentiment` carries. */
  score: number;
  /** In [-1, 1], from `agitationScore` against the reference. */
  agitation: number;
  /** The reference this window was judged against. */
  baseline: AgitationBaseline;
  /** True while the reference is still being learned. */
  calibrating: boolean;
  /** False when the customer hardly spoke in the window (score 0, reference untouched). */
  judged: boolean;
}

export interface CallAgitationScorer {
  push(customer: VoiceFeatures, talkOver: number): VoiceAgitationReading;
  readonly baseline: AgitationBaseline;
}

const DEFAULTS = {
  warmupWindows: 2,
  minActiveRatio: 0.15,
  ceiling: { loudnessDb: -16, pitchSpreadSemitones: 4, speakingRate: 6 },
  floor: { loudnessDb: -60, pitchSpreadSemitones: 1.5, speakingRate: 2.5 },
  deadband: 0.15,
  adaptRate: 0.15,
} satisfies Required<CallAgitationScorerOptions>;

/** Agitation below this still counts as this caller's normal and refines the reference. */
const CALM_ENOUGH_TO_LEARN = 0.25;

type Key = keyof AgitationBaseline;
const KEYS: readonly Key[] = ['loudnessDb', 'pitchSpreadSemitones', 'speakingRate'];

export function createCallAgitationScorer(options: CallAgitationScorerOptions = {}): CallAgitationScorer {
  const o = { ...DEFAULTS, ...options };
  const clamp = (key: Key, value: number): number => Math.min(o.ceiling[key], Math.max(o.floor[key], value));
  const warmup: VoiceFeatures[] = [];
  let baseline: AgitationBaseline = { ...DEFAULT_BASELINE };

  function meanOf(windows: readonly VoiceFeatures[]): AgitationBaseline {
    const out = { ...DEFAULT_BASELINE };
    for (const key of KEYS) out[key] = clamp(key, windows.reduce((a, w) => a + w[key], 0) / windows.length);
    return out;
  }

  return {
    get baseline() {
      return { ...baseline };
    },
    push(customer, talkOver) {
      const calibrating = warmup.length < o.warmupWindows;
      if (customer.activeRatio < o.minActiveRatio) {
        return { score: 0, agitation: 0, baseline: { ...baseline }, calibrating, judged: false };
      }
      if (calibrating) {
        // Judged against the reference so far including itself: only what exceeds the ceiling counts.
        warmup.push(customer);
        baseline = meanOf(warmup);
      }
      const judgedAgainst = { ...baseline };
      const agitation = agitationScore(customer, Math.max(0, Math.min(1, talkOver)), judgedAgainst);
      if (!calibrating && agitation < CALM_ENOUGH_TO_LEARN) {
        for (const key of KEYS) baseline[key] = clamp(key, baseline[key] + o.adaptRate * (customer[key] - baseline[key]));
      }
      const over = Math.max(0, agitation - o.deadband) / (1 - o.deadband);
      return { score: over === 0 ? 0 : -Math.min(1, over), agitation, baseline: judgedAgainst, calibrating, judged: true };
    },
  };
}
