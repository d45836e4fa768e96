import { describe, expect, it } from 'vitest';
import { rougeN } from './rouge.js';
import { summarize } from './summarize.js';
import { summarizeCustomer } from './summarize-customer.js';

const zhTurns = [
  { speaker: 'customer', text: '在吗' },
  { speaker: 'agent', text: '您好，请问有什么可以帮您的吗?' },
  { speaker: 'customer', text: '我买的手机屏幕碎了，可以退货吗?' },
  { speaker: 'agent', text: '请您稍等，正在为您查询~' },
  { speaker: 'agent', text: '签收七天内有质量问题可以申请退货的' },
  { speaker: 'customer', text: '好的谢谢' },
  { speaker: 'agent', text: '感谢您对京东的支持，祝您生活愉快，再见!' },
] as const;

describe('summarize', () => {
  it('writes a CSDS-style summary of the key question and answer', () => {
    const summary = summarize(zhTurns);
    expect(summary).toMatch(/^用户询问.*屏幕碎了.*退货吗?。客服回答.*七天内有质量问题可以申请退货。$/);
    expect(summary).not.toContain('祝您');
  });

  it('summarises English conversations in English', () => {
    const summary = summarize([
      { speaker: 'customer', text: 'Hi' },
      { speaker: 'agent', text: 'Hello, how can I help you today?' },
      { speaker: 'customer', text: 'When will my refund for order 1234 arrive?' },
      { speaker: 'agent', text: 'Refunds are processed within 5 business days.' },
    ]);
    expect(summary).toContain('The customer asked');
    expect(summary).toContain('5 business days');
  });

  it('frames a conversation held in Traditional characters in Traditional, not a Simplified frame around it (UX review P2-11)', () => {
    const summary = summarize([
      { speaker: 'customer', text: '請問退貨要怎麼辦理？' },
      { speaker: 'agent', text: '您好，請在訂單頁面點選「申請退貨」，七天內免運費。' },
      { speaker: 'customer', text: '了解，謝謝您' },
    ]);
    expect(summary).toBe('用戶詢問退貨要怎麼辦理。客服回答請在訂單頁面點選「申請退貨」，七天內免運費。');
    expect(summary).not.toMatch(/用户|询问/);
    expect(summarize([{ speaker: 'customer', text: '謝謝' }, { speaker: 'customer', text: '包裹還沒到' }])).toBe('用戶表示包裹還沒到。');
  });

  it('keeps the Simplified frame for Simplified text', () => {
    expect(summarize([{ speaker: 'customer', text: '请问退货要怎么办理？' }])).toMatch(/^用户询问退货要怎么办理。$/);
  });

  it('returns an empty summary for an empty conversation', () => {
    expect(summarize([])).toBe('');
  });
});

describe('summarizeCustomer', () => {
  it('combines conversations across channels, newest first, with dates', () => {
    const text = summarizeCustomer([
      { channel: 'wechat', startedAt: '2024-05-01T09:00:00Z', turns: zhTurns },
      { channel: 'voice', startedAt: Date.parse('2024-05-03T10:00:00Z'), turns: [{ speaker: 'customer', text: '我的退款什么时候到账?' }, { speaker: 'agent', text: '退款预计三个工作日到账' }] },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toContain('共联系2次');
    expect(lines[1]).toMatch(/^2024-05-03 电话: 用户询问/);
    expect(lines[2]).toMatch(/^2024-05-01 微信: 用户询问/);
  });
});

describe('rougeN', () => {
  it('scores character overlap like the CSDS scripts', () => {
    expect(rougeN('用户询问退款', '用户询问退款', 1)).toBe(1);
    expect(rougeN('abcd', 'abef', 1)).toBeCloseTo(0.5);
    expect(rougeN('ab cd', 'abcd', 2)).toBe(1);
    expect(rougeN('', 'abc', 1)).toBe(0);
  });
});
