import { describe, expect, it } from 'vitest';
import { isLuhnValid, isValidResidentId, redactText } from './redact';

describe('masking of ID and card numbers', () => {
  it('recognises valid resident IDs and card numbers only', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
  });

  it('keeps the last four characters and leaves order ids and phone numbers readable', () => {
    expect(redactText('我的身份证是11010519491231002X')).toBe('我的身份证是**************002X');
    expect(redactText('card 4111-1111-1111-1111 please')).toBe('card ************1111 please');
    expect(redactText('订单 202611210001234 电话 13800138000')).toBe('订单 202611210001234 电话 13800138000');
  });
});
