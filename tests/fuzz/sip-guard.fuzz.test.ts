import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectSipMessage } from '../../src/renderer/phone/sip-guard/sip-message-guard';
import { fuzzParams, hostileString, reportCases, tick } from './fuzz-kit';

afterAll(() => reportCases());

const INVITE = [
  'INVITE sip:agent-bob@switchboard.test SIP/2.0',
  'Via: SIP/2.0/WSS 127.0.0.1:5060;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: <sip:agent-bob@switchboard.test>',
  'From: "Caller" <sip:caller@switchboard.test>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.switchboard.test',
  'CSeq: 314159 INVITE',
  'Contact: <sip:caller@127.0.0.1>',
  'Content-Type: application/sdp',
  'Content-Length: 4',
  '',
  'v=0\n',
];
const RESPONSE = ['SIP/2.0 200 OK', 'Via: SIP/2.0/WSS 127.0.0.1;branch=z9hG4bKx', 'To: <sip:a@b>;tag=x', 'From: <sip:c@d>;tag=y', 'Call-ID: x', 'CSeq: 1 INVITE', 'Content-Length: 0', '', ''];

/** A real message with lines dropped, duplicated, replaced or spliced with hostile text. */
const sipMessage: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(INVITE, RESPONSE), fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'dup', 'replace', 'splice'), hostileString), { maxLength: 4 })).map(([lines, edits]) => {
    const out = [...lines];
    for (const [at, how, text] of edits) {
      const i = at % out.length;
      if (how === 'drop') out.splice(i, 1);
      else if (how === 'dup') out.splice(i, 0, out[i] ?? '');
      else if (how === 'replace') out[i] = text;
      else out[i] = `${out[i] ?? ''}${text}`;
    }
    return out.join('\r\n');
  }),
  hostileString,
  fc.string({ unit: 'binary', maxLength: 3000 }),
);

describe('fuzz: the SIP message guard', () => {
  it('never throws on generated, mutated or oversized messages, and answers only with a well-formed SIP response', () => {
    fc.assert(
      fc.property(sipMessage, (raw) => {
        const verdict = inspectSipMessage(raw);
        tick('sip message guard');
        expect(['pass', 'reply', 'drop']).toContain(verdict.action);
        if (verdict.action === 'reply') expect(verdict.reply).toMatch(/^SIP\/2\.0 \d{3} [^\r\n]*\r\n/);
      }),
      fuzzParams(30),
    );
  });
});
