import { describe, expect, it } from 'vitest';
import { chineseScript, SCRIPT_PAIRS } from './chinese-script';

describe('chineseScript', () => {
  it('tells Traditional from Simplified by the characters whose forms differ', () => {
    expect(chineseScript('請問退貨要怎麼辦理？')).toBe('traditional');
    expect(chineseScript('请问退货要怎么办理？')).toBe('simplified');
    expect(chineseScript('您好，人工客服')).toBe('simplified');
    expect(chineseScript('')).toBe('simplified');
  });

  it('pairs two different forms at every index, each character once', () => {
    expect(SCRIPT_PAIRS.filter(([t, s]) => t === s)).toEqual([]);
    const all = SCRIPT_PAIRS.flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
