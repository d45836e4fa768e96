import { describe, expect, it } from 'vitest';
import { parseHubConfig } from '../config';
import { botConfigSchema, botTakes } from './bot-config';

describe('bot settings', () => {
  it('are off by default, and then answer only the channels and queues named', () => {
    const off = parseHubConfig({ dataDir: '/tmp/x' }).bot;
    expect(off.enabled).toBe(false);
    expect(botTakes(off, 'widget', 'chat')).toBe(false);
    const some = botConfigSchema.parse({ enabled: true, channels: ['wechat'], queues: ['chat'] });
    expect(botTakes(some, 'wechat', 'chat')).toBe(true);
    expect(botTakes(some, 'widget', 'chat')).toBe(false);
    expect(botTakes(some, 'wechat', 'vip')).toBe(false);
    expect(botTakes(botConfigSchema.parse({ enabled: true }), 'widget', 'anything')).toBe(true);
    expect(botTakes(botConfigSchema.parse({ enabled: true }), 'email', 'chat')).toBe(false);
  });

  it('refuse a bad setting with a line that names it, and keep shipped phrases for a locale left out', () => {
    expect(() => parseHubConfig({ dataDir: '/tmp/x', bot: { enabled: true, channels: ['email' as 'widget'] } })).toThrow(/bot\.channels/);
    expect(() => parseHubConfig({ dataDir: '/tmp/x', bot: { minScore: -1 } })).toThrow(/bot\.minScore/);
    expect(() => parseHubConfig({ dataDir: '/tmp/x', bot: { enabeld: true } as never })).toThrow(/bot/);
    const phrases = botConfigSchema.parse({ handoffPhrases: { en: ['operator please'] } }).handoffPhrases;
    expect(phrases.en).toEqual(['operator please']);
    expect(phrases['zh-CN']).toContain('转人工');
  });
});
