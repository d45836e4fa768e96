import { describe, expect, it } from 'vitest';
import { parseDidMap } from './did-map';

describe('parseDidMap', () => {
  it('maps each DID, in E.164, to its queue', () => {
    const map = parseDidMap(' +862150001234=voice, 4008001234 = vip ,', 'CN');
    expect([...map]).toEqual([
      ['+862150001234', 'voice'],
      ['+864008001234', 'vip'],
    ]);
  });

  it('names the entry it cannot read', () => {
    expect(() => parseDidMap('+862150001234=voice,hello=vip', 'CN')).toThrow(/"hello=vip"/);
    expect(() => parseDidMap('02150001234=voice,+862150001234=vip', 'CN')).toThrow(/listed twice/);
    expect(() => parseDidMap('02150001234', 'CN')).toThrow(/NUMBER=QUEUE_ID/);
  });
});
