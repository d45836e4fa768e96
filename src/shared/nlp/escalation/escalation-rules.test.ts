import { describe, expect, it } from 'vitest';
import { createEscalationRules } from './escalation-rules.js';
import { escalationConfigSchema } from './escalation-config.js';

describe('escalation rules', () => {
  const rules = createEscalationRules();

  it('escalates a complaint-risk phrase whatever the tone, naming the words', () => {
    expect(rules.check({ source: 'text', text: '再不解决我就去12315投诉你们', score: -0.2 })).toEqual({
      reason: 'complaint-phrase',
      words: ['投诉', '12315'],
      score: -0.2,
    });
    expect(rules.check({ source: 'text', text: '我會找律師提告', score: 0 })?.words).toEqual(['律師', '提告']);
    expect(rules.check({ source: 'text', text: "I'll do a CHARGEBACK and talk to my lawyer", score: 0.1 })?.words).toEqual(['chargeback', 'lawyer']);
  });

  it('catches full-width and spaced variants', () => {
    expect(rules.check({ source: 'text', text: '去１２３１５', score: 0 })?.words).toEqual(['12315']);
    expect(rules.check({ source: 'text', text: '我 要 投 诉', score: 0 })?.words).toEqual(['投诉']);
    expect(rules.check({ source: 'text', text: 'c a n c e l  my  a c c o u n t', score: 0 })?.words).toEqual(['cancel my account']);
  });

  it('escalates a single strongly negative message that says something angry, not a merely negative one', () => {
    expect(rules.check({ source: 'text', text: '太差了，气死我了！', score: -0.9 })).toEqual({ reason: 'strongly-negative', words: ['气死'], score: -0.9 });
    expect(rules.check({ source: 'text', text: 'This is RIDICULOUS', score: -0.95 })?.words).toEqual(['ridiculous']);
    expect(rules.check({ source: 'text', text: '气 死 了', score: -0.95 })?.words).toEqual(['气死']);
    expect(rules.check({ source: 'text', text: '气死了', score: -0.4 })).toBeNull();
    // The desk model scores an ordinary complaint near -1: without a word of anger it is no escalation.
    expect(rules.check({ source: 'text', text: '我的快递三天了还没到，怎么回事', score: -0.99 })).toBeNull();
    expect(rules.check({ source: 'text', text: '有点慢', score: -0.4 })).toBeNull();
    expect(rules.check({ source: 'text', text: '请问周六营业吗？', score: 0 })).toBeNull();
  });

  it('feeds voice agitation through the same rules', () => {
    expect(rules.check({ source: 'voice', score: -0.9 })).toEqual({ reason: 'voice-agitation', words: [], score: -0.9 });
    expect(rules.check({ source: 'voice', score: -0.3 })).toBeNull();
    expect(rules.check({ source: 'voice', score: Number.NaN })).toBeNull();
  });

  it('takes per-locale lists from settings; locales left out keep the shipped list', () => {
    const custom = createEscalationRules({ phrases: { en: ['manager'] }, stronglyNegativeAt: -0.95 });
    expect(custom.check({ source: 'text', text: 'worst ever', score: -0.96 })?.reason).toBe('strongly-negative');
    expect(custom.check({ source: 'text', text: 'get me your MANAGER', score: 0 })?.words).toEqual(['manager']);
    expect(custom.check({ source: 'text', text: 'chargeback', score: 0 })).toBeNull();
    expect(custom.check({ source: 'text', text: '投诉', score: 0 })?.words).toEqual(['投诉']);
    expect(custom.check({ source: 'text', text: 'worst ever', score: -0.9 })).toBeNull();
  });

  it('refuses bad settings with a clear error', () => {
    expect(escalationConfigSchema.safeParse({ phrases: { fr: ['x'] } }).success).toBe(false);
    expect(escalationConfigSchema.safeParse({ phrases: { en: [''] } }).success).toBe(false);
    expect(escalationConfigSchema.safeParse({ priorityBoost: -1 }).success).toBe(false);
  });
});
