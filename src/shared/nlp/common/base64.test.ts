import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.js';

describe('base64', () => {
  it('round-trips every length remainder', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    }
  });

  it('matches the standard alphabet', () => {
    expect(encodeBase64(new TextEncoder().encode('Switchboard!'))).toBe('U3dpdGNoYm9hcmQh');
  });
});
