import { describe, expect, it } from 'vitest';
import { isCountryCode, toE164 } from './phone-number';

describe('toE164', () => {
  it('gives one spelling to a Chinese mobile however the carrier sends it', () => {
    for (const raw of ['13912345678', '013912345678', '+8613912345678', '8613912345678', '008613912345678', '139 1234 5678']) {
      expect(toE164(raw, 'CN'), raw).toBe('+8613912345678');
    }
  });

  it('puts national landlines, with or without the trunk prefix 0, in E.164', () => {
    expect(toE164('02150001234', 'CN')).toBe('+862150001234');
    expect(toE164('021-5000-1234', 'CN')).toBe('+862150001234');
    expect(toE164('2150001234', 'CN')).toBe('+862150001234');
  });

  it('keeps 400/800 and 95xxx service numbers comparable', () => {
    expect(toE164('4008001234', 'CN')).toBe('+864008001234');
    expect(toE164('400-800-1234', 'CN')).toBe('+864008001234');
    expect(toE164('8008001234', 'CN')).toBe('+868008001234');
    expect(toE164('95588', 'CN')).toBe('+8695588');
    expect(toE164('+86 95588', 'CN')).toBe('+8695588');
    expect(toE164('10086', 'CN')).toBe('+8610086');
  });

  it('reads international numbers and the default country of the site', () => {
    expect(toE164('+14155550123', 'CN')).toBe('+14155550123');
    expect(toE164('0014155550123', 'CN')).toBe('+14155550123');
    expect(toE164('4155550123', 'US')).toBe('+14155550123');
    expect(toE164('02079460958', 'GB')).toBe('+442079460958');
  });

  it('refuses what is not a number', () => {
    expect(toE164('anonymous', 'CN')).toBeNull();
    expect(toE164('021 5000 123', 'CN')).toBeNull();
    expect(toE164('95588', 'US')).toBeNull();
    expect(toE164('', 'CN')).toBeNull();
  });

  it('knows country codes', () => {
    expect(isCountryCode('CN')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
  });
});
