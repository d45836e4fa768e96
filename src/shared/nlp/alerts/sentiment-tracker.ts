/**
 * Per-conversation sentiment trajectories and the alerts they raise.
 * Text scores (from the classifier) and voice scores (negated agitation)
 * feed one exponential moving average per conversation.
 */
import { sentimentTrackerConfigSchema, type SentimentTrackerConfig, type SentimentTrackerConfigInput } from './tracker-config.js';

export interface SentimentSample {
  /** In [-1, 1]; negative is unhappy. */
  score: number;
  /** Epoch milliseconds. */
  at: number;
  source: 'text' | 'voice';
}

export type AlertKind = 'sustained-negative' | 'sharp-drop';

export interface SentimentAlert {
  conversationId: string;
  kind: AlertKind;
  at: number;
  /** The smoothed score when the alert fired. */
  level: number;
  /** For a sharp drop, the high point it fell from. */
  from?: number;
  /** True when it fired inside the cooldown because the conversation got worse. */
  escalation: boolean;
}

export interface ConversationSentiment {
  level: number;
  samples: number;
  lastAt: number;
  lastAlert?: SentimentAlert;
}

interface State {
  level: number;
  samples: number;
  lastAt: number;
  /** When the level last went below the sustained threshold, with the sample count then. */
  belowSince?: { at: number; samples: number };
  history: Array<{ at: number; level: number }>;
  lastAlert?: SentimentAlert;
}

export interface SentimentTracker {
  push(conversationId: string, sample: SentimentSample): SentimentAlert | null;
  get(conversationId: string): ConversationSentiment | undefined;
  forget(conversationId: string): void;
  readonly config: SentimentTrackerConfig;
}

function clampScore(score: number): number {
  return Number.isFinite(score) ? Math.max(-1, Math.min(1, score)) : 0;
}

export function createSentimentTracker(input: SentimentTrackerConfigInput = {}): SentimentTracker {
  const config = sentimentTrackerConfigSchema.parse(input);
  const states = new Map<string, State>();

  function evictIdle(now: number): void {
    for (const [id, state] of states) if (now - state.lastAt > config.idleForgetMs) states.delete(id);
  }

  function detect(state: State, at: number): { kind: AlertKind; from?: number } | null {
    if (state.belowSince !== undefined) {
      const longEnough = at - state.belowSince.at >= config.sustainedMs;
      const enoughSamples = state.samples - state.belowSince.samples + 1 >= config.sustainedSamples;
      if (longEnough && enoughSamples) return { kind: 'sustained-negative' };
    }
    let peak = -Infinity;
    for (const point of state.history) if (at - point.at <= config.dropWindowMs) peak = Math.max(peak, point.level);
    if (peak - state.level >= config.dropThreshold && state.level <= config.dropFloor) {
      return { kind: 'sharp-drop', from: peak };
    }
    return null;
  }

  return {
    config,
    push(conversationId, sample) {
      const score = clampScore(sample.score);
      let state = states.get(conversationId);
      if (state === undefined) {
        if (states.size > 0 && states.size % 256 === 0) evictIdle(sample.at);
        state = { level: score, samples: 0, lastAt: sample.at, history: [] };
        states.set(conversationId, state);
      } else {
        const alpha = config.alpha * (sample.source === 'voice' ? config.voiceWeight : 1);
        state.level = state.level + alpha * (score - state.level);
      }
      state.samples++;
      state.lastAt = Math.max(state.lastAt, sample.at);
      state.history.push({ at: sample.at, level: state.level });
      while (state.history.length > 0 && sample.at - state.history[0]!.at > config.dropWindowMs) state.history.shift();

      if (state.level < config.sustainedThreshold) state.belowSince ??= { at: sample.at, samples: state.samples };
      else state.belowSince = undefined;

      const found = detect(state, sample.at);
      if (found === null) return null;
      const last = state.lastAlert;
      const inCooldown = last !== undefined && sample.at - last.at < config.cooldownMs;
      const worse = last !== undefined && state.level <= last.level - config.worsenMargin;
      if (inCooldown && !worse) return null;
      const alert: SentimentAlert = {
        conversationId,
        kind: found.kind,
        at: sample.at,
        level: state.level,
        escalation: inCooldown && worse,
        ...(found.from === undefined ? {} : { from: found.from }),
      };
      state.lastAlert = alert;
      return alert;
    },
    get(conversationId) {
      const state = states.get(conversationId);
      if (state === undefined) return undefined;
      return {
        level: state.level,
        samples: state.samples,
        lastAt: state.lastAt,
        ...(state.lastAlert === undefined ? {} : { lastAlert: state.lastAlert }),
      };
    },
    forget(conversationId) {
      states.delete(conversationId);
    },
  };
}
