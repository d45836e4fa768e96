import { describe, expect, it } from 'vitest';
import { isLuhnValid, isValidResidentId, redactText } from './redact';

describe('masking of ID and card numbers', () => {
  it('recognises valid resident IDs and card numbers only', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('110105491231002')).toBe(true);
    expect(isValidResidentId('110105491331002')).toBe(false);
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
  });

  it('keeps the last four characters and leaves order ids and phone numbers readable', () => {
    expect(redactText('我的身份证是11010519491231002X')).toBe('我的身份证是**************002X');
    expect(redactText('card 4111-1111-1111-1111 please')).toBe('card ************1111 please');
    expect(redactText('订单 202611210001234 电话 13800138000')).toBe('订单 202611210001234 电话 13800138000');
  });

  it.each([
    ['110105 19491231 002X', '**************002X'],
    ['110105-19491231-002X', '**************002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '**************002X'],
    ['ID11010519491231002X', 'ID**************002X'],
    ['身份证11010519491231002x号', '身份证**************002x号'],
    ['6222.0212.3456.7890.128', '***************0128'],
    ['6222  0212  3456  7890  128', '***************0128'],
    ['no6222021234567890128', 'no***************0128'],
    ['card:6222_0212_3456_7890_128.', 'card:***************0128.'],
    ['旧证 110105491231002 还能用吗', '旧证 ***********1002 还能用吗'],
    ['6222–0212–3456–7890–128', '***************0128'],
  ])('masks %s whatever its spacing, separators, digit forms or neighbours', (input, masked) => {
    expect(redactText(input)).toBe(masked);
  });

  it('finds a number beside another one and leaves the other alone', () => {
    expect(redactText('qty 3 card 4111 1111 1111 1111 total 1299')).toBe('qty 3 card ************1111 total 1299');
    expect(redactText('phone 13800138000 id 11010519491231002X')).toBe('phone 13800138000 id **************002X');
  });
});
