import { describe, expect, it } from 'vitest';
import { kamailioBinary, kamailioInstalled } from './kamailio-installed';

describe('finding Kamailio', () => {
  it('takes KAMAILIO_BIN when it names a file, and counts Kamailio absent when it does not', () => {
    expect(kamailioBinary({ KAMAILIO_BIN: process.execPath, PATH: '' })).toBe(process.execPath);
    expect(kamailioBinary({ KAMAILIO_BIN: '/nonexistent/kamailio' })).toBeNull();
    expect(kamailioInstalled({ KAMAILIO_BIN: '/nonexistent/kamailio' })).toBe(false);
  });
});
