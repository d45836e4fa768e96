/**
 * Transcoding only when needed, against a real rtpengine with the flags Kamailio uses towards a
 * browser (docs/carrier-trunk.md, "offer towards a browser": PCMU/PCMA are added after the
 * carrier's own codecs). A carrier codec the browser has (PCMA) is kept end to end: the carrier's
 * answer names it and rtpengine transcodes nothing. A carrier codec the browser lacks (GSM) is
 * answered to the carrier as GSM while the browser gets PCMU: rtpengine transcodes that call only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/host/telephony/free-port';
import { mediaPortRange } from '../../src/host/telephony/start-sip-stack';
import { startRtpengine, type RunningRtpengine } from '../../src/host/telephony/start-rtpengine';
import { createRtpengineClient, type NgParams, type RtpengineClient } from '../../src/hub/voice/rtpengine-client';

let rtpengine: RunningRtpengine;
let client: RtpengineClient;
beforeAll(async () => {
  rtpengine = await startRtpengine({ ngPort: await freePort(), ...mediaPortRange() });
  client = createRtpengineClient(rtpengine.ngAddress);
});
afterAll(async () => {
  client?.close();
  await rtpengine?.stop();
});

/** Kamailio's RTP_OFFER_TO_BROWSER and RTP_ANSWER_TO_TRUNK flags, as the ng dictionary its module sends. */
const TO_BROWSER: NgParams = {
  ICE: 'force',
  'ICE-lite': 'forward',
  DTLS: 'passive',
  'transport-protocol': 'UDP/TLS/RTP/SAVPF',
  SDES: ['off'],
  'rtcp-mux': ['offer', 'require'],
  flags: ['generate-mid'],
  replace: ['origin', 'session-connection'],
  codec: { transcode: ['PCMU', 'PCMA'] },
};
const TO_TRUNK: NgParams = { ICE: 'remove', DTLS: 'off', 'transport-protocol': 'RTP/AVP', SDES: ['off'], 'rtcp-mux': ['demux'], replace: ['origin', 'session-connection'] };

const carrierOffer = (payloads: Array<[number, string]>) =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio 40000 RTP/AVP ${payloads.map(([pt]) => pt).join(' ')}`, ...payloads.map(([pt, name]) => `a=rtpmap:${pt} ${name}/8000`), 'a=sendrecv', ''].join('\r\n');

/** The browser answers with the first codec it knows, from what rtpengine offered it. */
function browserAnswer(offer: string, known: string[]): string {
  const pt = /m=audio \d+ \S+ ([\d ]+)/.exec(offer)![1]!.split(' ');
  const names = new Map([...offer.matchAll(/a=rtpmap:(\d+) ([^/\r\n]+)/g)].map((m) => [m[1]!, m[2]!]));
  const chosen = pt.find((p) => known.includes(names.get(p) ?? ''))!;
  const fingerprint = /a=fingerprint:.*/.exec(offer)![0];
  return [
    'v=0', 'o=- 2 2 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
    `m=audio 41000 UDP/TLS/RTP/SAVPF ${chosen}`, `a=rtpmap:${chosen} ${names.get(chosen)}/8000`,
    'a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuvwx', fingerprint.replace(/a=fingerprint:(\S+) .*/, 'a=fingerprint:$1 ' + Array.from({ length: 32 }, () => 'AB').join(':')),
    'a=setup:active', 'a=rtcp-mux', 'a=mid:0', 'a=sendrecv', 'a=candidate:1 1 udp 2130706431 127.0.0.1 41000 typ host', '',
  ].join('\r\n');
}

const codecsOf = (sdp: string): string[] => [...sdp.matchAll(/a=rtpmap:\d+ ([^/\r\n]+)/g)].map((m) => m[1]!);

describe('transcoding only when the two sides share no codec', () => {
  it('keeps a carrier codec the browser has: no transcoding', async () => {
    const offer = await client.request('offer', { ...TO_BROWSER, 'call-id': 'tx-1', 'from-tag': 'carrier', sdp: carrierOffer([[8, 'PCMA']]) });
    const toBrowser = String(offer.sdp);
    // The carrier's codec first; PCMU added after it as the fallback rtpengine could transcode to.
    expect(codecsOf(toBrowser)[0]).toBe('PCMA');
    const answer = await client.request('answer', { ...TO_TRUNK, 'call-id': 'tx-1', 'from-tag': 'carrier', 'to-tag': 'browser', sdp: browserAnswer(toBrowser, ['opus', 'PCMA', 'PCMU']) });
    expect(codecsOf(String(answer.sdp))).toEqual(['PCMA']);
    const query = JSON.stringify(await client.request('query', { 'call-id': 'tx-1' }));
    expect(query).not.toContain('"transcoding"');
    await client.request('delete', { 'call-id': 'tx-1' });
  });

  it('transcodes a carrier codec the browser lacks', async () => {
    const offer = await client.request('offer', { ...TO_BROWSER, 'call-id': 'tx-2', 'from-tag': 'carrier', sdp: carrierOffer([[3, 'GSM']]) });
    const toBrowser = String(offer.sdp);
    expect(codecsOf(toBrowser)).toEqual(expect.arrayContaining(['GSM', 'PCMU', 'PCMA']));
    const answer = await client.request('answer', { ...TO_TRUNK, 'call-id': 'tx-2', 'from-tag': 'carrier', 'to-tag': 'browser', sdp: browserAnswer(toBrowser, ['opus', 'PCMU', 'PCMA']) });
    // The carrier keeps its GSM; the browser got PCMU: rtpengine converts between them.
    expect(codecsOf(String(answer.sdp))).toEqual(['GSM']);
    // rtpengine marks both sides' media "transcoding" (the first call's query has no such flag).
    expect(JSON.stringify(await client.request('query', { 'call-id': 'tx-2' }))).toContain('"transcoding"');
    await client.request('delete', { 'call-id': 'tx-2' });
  });
});
