import { describe, expect, it } from 'vitest';
import { languages } from '../i18n/i18n';
import { cannedResponseSchema, cannedResponses, fillCanned, searchCanned } from './canned-responses';

describe('canned responses', () => {
  it('ship a valid set in every language, with the same ids', () => {
    const ids = languages.map((l) => cannedResponses(l).map((r) => r.id).join());
    expect(new Set(ids).size).toBe(1);
  });
  it('reject an unknown variable', () => {
    expect(cannedResponseSchema.safeParse({ id: 'x', title: 'X', text: 'Hi {{orderNumber}}' }).success).toBe(false);
  });
  it('fill variables, leaving no braces behind', () => {
    expect(fillCanned('Hello {{customerName}}, this is {{agentName}}.', { customerName: '张伟', agentName: 'Alice' })).toBe('Hello 张伟, this is Alice.');
    expect(fillCanned('Hello {{customerName}} there', {})).toBe('Hello there');
  });
  it('search title and text with every word', () => {
    const zh = cannedResponses('zh-CN');
    expect(searchCanned(zh, '退款').map((r) => r.id)).toEqual(['refund']);
    expect(searchCanned(cannedResponses('en'), 'order number').map((r) => r.id)).toEqual(['order-status']);
  });
});
