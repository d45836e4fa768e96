import { describe, expect, it } from 'vitest';
import { dialTargetSchema, isDialLink, parseDialUri, type DialUriProblem } from './dial-uri';

const ok = (input: string) => {
  const result = parseDialUri(input);
  if (!result.ok) throw new Error(`expected ${input} to parse, got ${result.problem}: ${result.message}`);
  // Whatever the parser produces must also pass the schema the shell contract checks.
  expect(dialTargetSchema.parse(result.target)).toEqual(result.target);
  return result.target;
};
const refused = (input: string, problem: DialUriProblem) => {
  const result = parseDialUri(input);
  expect(result.ok, `${input} should be refused`).toBe(false);
  if (!result.ok) {
    expect(result.problem).toBe(problem);
    expect(result.message.length).toBeGreaterThan(10);
  }
};

describe('tel: links', () => {
  it('dials an international number without its visual separators', () => {
    expect(ok('tel:+1-201-555-0123')).toEqual({ kind: 'tel', number: '+12015550123', extension: null, display: '+1-201-555-0123' });
    expect(ok('TEL:+86 (10) 8888.6666'.replace(/ /g, '%20'))).toMatchObject({ number: '+861088886666' });
  });

  it('dials a local number, star codes and an extension', () => {
    expect(ok('tel:10086')).toMatchObject({ number: '10086', extension: null });
    expect(ok('tel:*67#')).toMatchObject({ number: '*67#' });
    expect(ok('tel:+1-201-555-0123;ext=1234')).toMatchObject({ number: '+12015550123', extension: '1234' });
    expect(ok('tel:7042;phone-context=example.com')).toMatchObject({ number: '7042' });
  });

  it('accepts a percent-encoded plus sign, as some mail clients write it', () => {
    expect(ok('tel:%2B442079460000')).toMatchObject({ number: '+442079460000' });
  });

  it('refuses letters, empty numbers, too many digits and bad extensions', () => {
    refused('tel:1-800-FLOWERS', 'bad_number');
    refused('tel:', 'bad_number');
    refused('tel:---', 'bad_number');
    refused('tel:+1234567890123456', 'bad_number');
    refused('tel:+12*34', 'bad_number');
    refused('tel:12345;ext=12a', 'bad_number');
    refused('tel:12345;<script>=1', 'bad_number');
    refused('tel://12345', 'bad_number');
    refused('tel:%E0%A4%A', 'bad_encoding');
  });

  it('refuses whitespace and control characters inside the link', () => {
    refused('tel:123 456', 'bad_encoding');
    refused('tel:123\n456', 'bad_encoding');
    refused('tel:123\u0000', 'bad_encoding');
  });
});

describe('sip: links', () => {
  it('dials a user at a host, dropping parameters and headers', () => {
    expect(ok('sip:alice@example.com')).toEqual({
      kind: 'sip',
      uri: 'sip:alice@example.com',
      user: 'alice',
      host: 'example.com',
      port: null,
      secure: false,
      display: 'alice@example.com',
    });
    expect(ok('sip:1001@Pbx.Example.com:5060;transport=ws?Route=%3Csip:evil.example%3E')).toMatchObject({
      uri: 'sip:1001@pbx.example.com:5060',
      port: 5060,
    });
    expect(ok('sips:bob@10.0.0.7')).toMatchObject({ uri: 'sips:bob@10.0.0.7', secure: true });
    expect(ok('sip:carol@[2001:db8::1]:5061')).toMatchObject({ host: '[2001:db8::1]', port: 5061 });
  });

  it('decodes an escaped user and re-encodes what must be escaped', () => {
    expect(ok('sip:sales%2Ddesk@example.com')).toMatchObject({ user: 'sales-desk', uri: 'sip:sales-desk@example.com' });
    expect(ok('sip:a%3Bb@example.com')).toMatchObject({ user: 'a;b', uri: 'sip:a%3Bb@example.com' });
  });

  it('refuses addresses without a user, with a password, or with a bad host or port', () => {
    refused('sip:example.com', 'bad_sip_address');
    refused('sip:@example.com', 'bad_sip_address');
    refused('sip:alice:secret@example.com', 'credentials_in_link');
    refused('sip:alice@exa_mple.com', 'bad_sip_address');
    refused('sip:alice@999.1.1.1', 'bad_sip_address');
    refused('sip:alice@example.com:0', 'bad_sip_address');
    refused('sip:alice@example.com:70000', 'bad_sip_address');
    refused('sip:al<ice@example.com', 'bad_sip_address');
    refused('sip:%ZZ@example.com', 'bad_encoding');
  });
});

describe('anything else', () => {
  it('is not a dial link', () => {
    refused('https://example.com/?tel=123', 'not_a_dial_link');
    refused('javascript:alert(1)', 'not_a_dial_link');
    refused('callto:123', 'not_a_dial_link');
    refused('', 'not_a_dial_link');
    refused(`tel:${'1'.repeat(3000)}`, 'too_long');
  });

  it('is picked out of a command line only when it has a dial scheme', () => {
    expect(isDialLink('tel:123')).toBe(true);
    expect(isDialLink('SIPS:a@b')).toBe(true);
    expect(isDialLink('--inspect')).toBe(false);
    expect(isDialLink('/opt/Switchboard/switchboard')).toBe(false);
  });
});
