import { describe, expect, it } from 'vitest';
import { customerLabel, visitorTag } from './customer-label';

describe('customerLabel', () => {
  it('keeps a real name', () => {
    expect(customerLabel('张伟', 'cus_1', (tag) => `Visitor ${tag}`)).toBe('张伟');
  });
  it('calls a nameless visitor by a short, stable, upper-case tag', () => {
    const label = customerLabel('', 'cus_7f3a91', (tag) => `访客 ${tag}`);
    expect(label).toMatch(/^访客 [0-9A-F]{4}$/);
    expect(customerLabel('  ', 'cus_7f3a91', (tag) => `访客 ${tag}`)).toBe(label);
    expect(visitorTag('cus_7f3a91')).not.toBe(visitorTag('cus_7f3a92'));
  });
});
