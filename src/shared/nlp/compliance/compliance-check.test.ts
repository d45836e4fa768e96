import { describe, expect, it } from 'vitest';
import { complianceConfigSchema, createComplianceChecker } from './compliance-check.js';

describe('compliance check before send', () => {
  const checker = createComplianceChecker();

  it('finds forbidden phrases in each locale, however they are typed', () => {
    expect(checker.check('您放心，我保证赔偿您的损失')).toEqual([
      { kind: 'forbidden-phrase', phrase: '保证赔偿' },
      { kind: 'forbidden-phrase', phrase: '我保证' },
    ]);
    expect(checker.check('我們可以全額賠償')).toEqual([{ kind: 'forbidden-phrase', phrase: '全額賠償' }]);
    expect(checker.check('We GUARANTEE it arrives tomorrow')).toEqual([{ kind: 'forbidden-phrase', phrase: 'we guarantee' }]);
    expect(checker.check('全 额 赔 偿')).toEqual([{ kind: 'forbidden-phrase', phrase: '全额赔偿' }]);
    expect(checker.check('ｗｅ　ｇｕａｒａｎｔｅｅ')).toEqual([{ kind: 'forbidden-phrase', phrase: 'we guarantee' }]);
    expect(checker.check('s-t-u-p-i-d')).toEqual([{ kind: 'forbidden-phrase', phrase: 'stupid' }]);
  });

  it('finds a full ID or card number, spaced or full-width, without repeating it', () => {
    expect(checker.check('卡号 4111 1111 1111 1111')).toEqual([{ kind: 'sensitive-number' }]);
    expect(checker.check('身份证 11010519491231002X')).toEqual([{ kind: 'sensitive-number' }]);
    expect(checker.check('４１１１１１１１１１１１１１１１')).toEqual([{ kind: 'sensitive-number' }]);
    expect(JSON.stringify(checker.check('4111111111111111'))).not.toContain('4111');
  });

  it('stays quiet on an ordinary reply and on order numbers', () => {
    expect(checker.check('您好，我来帮您查一下物流。')).toEqual([]);
    expect(checker.check('Your order 202601050001 ships today.')).toEqual([]);
  });

  it('takes per-locale lists from settings', () => {
    const custom = createComplianceChecker({ phrases: { en: ['free upgrade'] }, sensitiveNumbers: false });
    expect(custom.check('You get a FREE upgrade')).toEqual([{ kind: 'forbidden-phrase', phrase: 'free upgrade' }]);
    expect(custom.check('we guarantee')).toEqual([]);
    expect(custom.check('我保证')).toEqual([{ kind: 'forbidden-phrase', phrase: '我保证' }]);
    expect(custom.check('4111 1111 1111 1111')).toEqual([]);
    expect(complianceConfigSchema.safeParse({ phrases: { de: [] } }).success).toBe(false);
  });
});
