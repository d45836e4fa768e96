import { describe, expect, it } from 'vitest';
import { createPhraseMatcher, foldForMatching } from './phrase-matcher.js';

describe('phrase matcher', () => {
  const matcher = createPhraseMatcher(['投诉', '12315', 'chargeback', 'cancel my account', '律师']);

  it('finds phrases as written', () => {
    expect(matcher.find('再不解决我就去12315投诉你们')).toEqual(['投诉', '12315']);
    expect(matcher.find('I will file a chargeback today')).toEqual(['chargeback']);
  });

  it('finds full-width and spaced-out variants', () => {
    expect(matcher.find('我要去１２３１５')).toEqual(['12315']);
    expect(matcher.find('我要 投 诉 你们')).toEqual(['投诉']);
    expect(matcher.find('投-诉！！')).toEqual(['投诉']);
    expect(matcher.find('ＣＨＡＲＧＥＢＡＣＫ')).toEqual(['chargeback']);
    expect(matcher.find('c h a r g e b a c k')).toEqual(['chargeback']);
    expect(matcher.find('Cancel   my\naccount now')).toEqual(['cancel my account']);
    expect(matcher.find('律\u200b师函')).toEqual(['律师']);
  });

  it('does not see a number inside a longer number', () => {
    expect(matcher.find('订单号 2026123150001 还没发货')).toEqual([]);
    expect(matcher.find('打 1-2-3-1-5 了')).toEqual(['12315']);
  });

  it('stays quiet on ordinary turns', () => {
    expect(matcher.find('请问明天能收到吗？')).toEqual([]);
    expect(matcher.find('hello? anyone there')).toEqual([]);
  });

  it('ignores empty and duplicate phrases', () => {
    expect(createPhraseMatcher(['', '  ', '!!', '投诉', '投 诉']).size).toBe(1);
    expect(foldForMatching('Ａ b，Ｃ')).toBe('abc');
  });
});
