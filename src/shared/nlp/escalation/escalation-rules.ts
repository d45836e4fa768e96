/**
 * The rules that escalate a conversation at once, on one message or one voice reading, rather than
 * waiting for the sentiment trajectory to sour (the tracker keeps doing that for gradual cases):
 * a complaint-risk phrase, a strongly negative message that says something angry, strong agitation
 * heard on a call.
 */
import { allPhrases } from '../phrases/phrase-lists.js';
import { createPhraseMatcher } from '../phrases/phrase-matcher.js';
import { escalationConfigSchema, type EscalationConfig, type EscalationConfigInput } from './escalation-config.js';

export type EscalationReasonKind = 'complaint-phrase' | 'strongly-negative' | 'voice-agitation';
export const ESCALATION_REASONS: readonly EscalationReasonKind[] = ['complaint-phrase', 'strongly-negative', 'voice-agitation'];

export interface Escalation {
  /** The strongest reason: a named threat beats tone. */
  reason: EscalationReasonKind;
  /** The listed phrases the message contained: complaint-risk phrases, or for tone, the words of anger. */
  words: string[];
  /** The message's or the reading's score in [-1, 1]. */
  score: number;
}

export type EscalationInput = { source: 'text'; text: string; score: number } | { source: 'voice'; score: number };

export interface EscalationRules {
  check(input: EscalationInput): Escalation | null;
  readonly config: EscalationConfig;
}

export function createEscalationRules(input: EscalationConfigInput = {}): EscalationRules {
  const config = escalationConfigSchema.parse(input);
  const phrases = createPhraseMatcher(allPhrases(config.phrases));
  const anger = createPhraseMatcher(allPhrases(config.angerWords));
  return {
    config,
    check(sample) {
      const score = Number.isFinite(sample.score) ? Math.max(-1, Math.min(1, sample.score)) : 0;
      if (sample.source === 'voice') return score <= config.voiceAgitationAt ? { reason: 'voice-agitation', words: [], score } : null;
      const words = phrases.find(sample.text);
      if (words.length > 0) return { reason: 'complaint-phrase', words, score };
      if (score > config.stronglyNegativeAt) return null;
      const angry = anger.find(sample.text);
      return angry.length > 0 ? { reason: 'strongly-negative', words: angry, score } : null;
    },
  };
}
