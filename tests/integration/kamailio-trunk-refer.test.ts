import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpRecorder, StatusAnswer } from '../harness/hub/http-recorder';
import { freePort } from '../../src/host/telephony/free-port';
import { startKamailio, type RunningKamailio } from '../../src/host/telephony/start-kamailio';
import { startRtpengine, type RunningRtpengine } from '../../src/host/telephony/start-rtpengine';
import { mediaPortRange } from '../../src/host/telephony/start-sip-stack';
import { sipParty, sipToken, type SipMessage, type SipParty } from './support/sip-party';

/**
 * #14 transfer of a trunk call, on the real Kamailio with rtpengine: an agent's phone (on a WebSocket, as a browser's)
 * holds a call from the carrier and sends a REFER. Kamailio asks the hub (/sip/transfer); when the hub refuses (the
 * agent does not hold the call), the phone gets 403, the carrier hears nothing of it, and the REFER opens no way to the
 * named agent for anyone [#17 S4]. When the hub agrees, the carrier is told to call a one-time name at the trunk.
 */
const SECRET = 'kamailio-trunk-refer-secret-0123456789';
const DOMAIN = 'switchboard.test';
let kamailio: RunningKamailio;
let rtpengine: RunningRtpengine;
let hub: Awaited<ReturnType<typeof startHttpRecorder>>;
let sipPort = 0;
let trunkPort = 0;
let bob: SipParty;
let alice: SipParty;
let carrier: SipParty;
let mallory: SipParty;
/** The hub refuses the first transfer and takes the second. */
const transferAnswer = (n: number): unknown => (n === 1 ? new StatusAnswer(403, { error: { code: 'forbidden', message: 'the referrer does not hold this call' } }) : { conversationId: 'conv_refer' });

beforeAll(async () => {
  hub = await startHttpRecorder({
    '/sip/route': { action: 'agent', sipUser: 'agent-bob', conversationId: 'conv_refer' },
    '/sip/transfer': transferAnswer,
    '/sip/events': {},
  });
  rtpengine = await startRtpengine({ ngPort: await freePort(), ...mediaPortRange(40) });
  const wsPort = await freePort();
  [sipPort, trunkPort] = [await freePort(), await freePort()];
  kamailio = await startKamailio({
    wsPort,
    sipPort,
    hubUrl: hub.url,
    secret: SECRET,
    domain: DOMAIN,
    trunk: { port: trunkPort, allow: ['127.0.0.1'], rtpengine: rtpengine.ngAddress },
    ...(process.env.KLOG ? { logFile: process.env.KLOG } : {}),
  });
  bob = await sipParty({ proxyPort: wsPort, secret: SECRET, transport: 'WS' });
  alice = await sipParty({ proxyPort: sipPort, secret: SECRET });
  mallory = await sipParty({ proxyPort: sipPort, secret: SECRET });
  carrier = await sipParty({ proxyPort: trunkPort, secret: SECRET });
  for (const [party, user] of [
    [bob, 'agent-bob'],
    [alice, 'agent-alice'],
  ] as const) {
    const callId = sipToken();
    const registered = await party.request(
      (cseq, auth) => [`REGISTER sip:${DOMAIN} SIP/2.0`, party.via(), 'Max-Forwards: 70', `From: <sip:${user}@${DOMAIN}>;tag=${sipToken()}`, `To: <sip:${user}@${DOMAIN}>`, `Call-ID: ${callId}`, `CSeq: ${cseq} REGISTER`, `Contact: <${party.contact(user)}>`, 'Expires: 300', ...auth, 'Content-Length: 0', '', ''],
      callId,
      'REGISTER',
      `sip:${DOMAIN}`,
      user,
    );
    expect(registered?.startLine).toMatch(/^SIP\/2\.0 200/);
  }
}, 60_000);
afterAll(async () => {
  for (const party of [bob, alice, carrier, mallory]) party?.close();
  await kamailio?.stop();
  await rtpengine?.stop();
  await hub?.close();
});

const carrierSdp = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 RTP/AVP 0 8 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');
const fingerprint = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');
/** What a browser answers to rtpengine's ICE + DTLS-SRTP offer. */
const browserSdp = ['v=0', 'o=- 2 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 0', 'c=IN IP4 127.0.0.1', 'a=mid:0', 'a=rtpmap:0 PCMU/8000', 'a=ice-ufrag:bobU', 'a=ice-pwd:bobpasswordbobpassword12', `a=fingerprint:sha-256 ${fingerprint}`, 'a=setup:active', 'a=rtcp-mux', 'a=sendrecv', 'a=candidate:1 1 udp 2130706431 127.0.0.1 40010 typ host', ''].join('\r\n');

const isRequest = (method: string, callId: string) => (m: SipMessage) => m.startLine.startsWith(`${method} `) && m.header('call-id') === callId;
const isReply = (method: string, callId: string) => (m: SipMessage) => /^SIP\/2\.0 [2-6]\d\d/.test(m.startLine) && m.header('call-id') === callId && m.header('cseq').endsWith(` ${method}`);
const uriOf = (header: string): string => /<([^>]+)>/.exec(header)?.[1] ?? '';

/** A call from the carrier to DID 8000 that the hub gives to bob, who answers; returns what bob needs to send a REFER in it. */
async function trunkCallToBob(): Promise<{ callId: string; refer(cseq: number, target: string): void }> {
  const callId = sipToken();
  const carrierTag = sipToken();
  const ruri = `sip:8000@127.0.0.1:${trunkPort}`;
  const from = `<sip:+8613912345678@carrier.example>;tag=${carrierTag}`;
  carrier.send([`INVITE ${ruri} SIP/2.0`, carrier.via(), 'Max-Forwards: 70', `From: ${from}`, `To: <${ruri}>`, `Call-ID: ${callId}`, 'CSeq: 1 INVITE', `Contact: <${carrier.contact('+8613912345678')}>`, 'Content-Type: application/sdp', `Content-Length: ${Buffer.byteLength(carrierSdp)}`, '', carrierSdp]);
  const invite = await bob.next(isRequest('INVITE', callId), 10_000);
  expect(invite, 'the trunk call rings bob').not.toBeNull();
  const bobTag = sipToken();
  bob.reply(invite!, '200 OK', bobTag, 'agent-bob', browserSdp);
  const ok = await carrier.next(isReply('INVITE', callId), 10_000);
  expect(ok?.startLine).toMatch(/^SIP\/2\.0 200/);
  const recordRoutes = ok!.all('record-route').flatMap((r) => r.split(/,\s*(?=<)/));
  carrier.send([`ACK ${uriOf(ok!.header('contact'))} SIP/2.0`, carrier.via(), 'Max-Forwards: 70', ...[...recordRoutes].reverse().map((r) => `Route: ${r}`), `From: ${from}`, `To: ${ok!.header('to')}`, `Call-ID: ${callId}`, 'CSeq: 1 ACK', 'Content-Length: 0', '', '']);
  expect(await bob.next(isRequest('ACK', callId), 5_000), 'the carrier’s ACK reaches bob').not.toBeNull();
  // Bob is the callee: his requests take the Record-Route of the INVITE he received, in order, to the carrier's Contact.
  const routes = invite!.all('record-route').flatMap((r) => r.split(/,\s*(?=<)/));
  const bobTo = `${invite!.header('to')};tag=${bobTag}`;
  return {
    callId,
    refer: (cseq, target) =>
      bob.send([`REFER ${uriOf(invite!.header('contact'))} SIP/2.0`, bob.via(), 'Max-Forwards: 70', ...routes.map((r) => `Route: ${r}`), `From: ${bobTo}`, `To: ${invite!.header('from')}`, `Call-ID: ${callId}`, `CSeq: ${cseq} REFER`, `Contact: <${bob.contact('agent-bob')}>`, `Refer-To: <${target}>`, 'Referred-By: <sip:agent-bob@switchboard.test>', 'Content-Length: 0', '', '']),
  };
}

/** A customer's own SIP phone (not the carrier) calls agent-alice directly; resolves with Kamailio's final answer. */
async function customerCallsAlice(): Promise<string> {
  const callId = sipToken();
  const ruri = `sip:agent-alice@${DOMAIN}`;
  const reply = await mallory.request(
    (cseq, auth) => [`INVITE ${ruri} SIP/2.0`, mallory.via(), 'Max-Forwards: 70', `From: <sip:customer-mallory@${DOMAIN}>;tag=${sipToken()}`, `To: <${ruri}>`, `Call-ID: ${callId}`, `CSeq: ${cseq} INVITE`, `Contact: <${mallory.contact('customer-mallory')}>`, ...auth, 'Content-Length: 0', '', ''],
    callId,
    'INVITE',
    ruri,
    'customer-mallory',
  );
  return reply?.startLine ?? 'no answer';
}

describe('a REFER in a trunk call (#14, #17 S4)', () => {
  it('that the hub refuses gets 403, reaches no carrier, and lets nobody call the named agent', async () => {
    const call = await trunkCallToBob();
    const asked = hub.requests.length;
    const carrierSaw = carrier.received.length;
    call.refer(2, `sip:agent-alice@${DOMAIN}`);
    const answer = await bob.next(isReply('REFER', call.callId), 10_000);
    expect(answer?.startLine).toMatch(/^SIP\/2\.0 403/);
    const query = hub.requests.slice(asked).find((r) => r.path === '/sip/transfer');
    expect(query?.query.get('referrer')).toBe('agent-bob');
    expect(query?.query.get('sipuser')).toBe('agent-alice');
    await new Promise((r) => setTimeout(r, 300));
    expect(carrier.received.slice(carrierSaw).filter((m) => m.startLine.startsWith('REFER'))).toEqual([]);

    // The refused REFER named agent-alice: no customer may now ring her directly.
    const aliceSaw = alice.received.length;
    expect(await customerCallsAlice()).toMatch(/^SIP\/2\.0 403/);
    await new Promise((r) => setTimeout(r, 300));
    expect(alice.received.slice(aliceSaw).filter((m) => m.startLine.startsWith('INVITE'))).toEqual([]);
  });

  it('that the hub takes reaches the carrier as a one-time name at the trunk, which opens no way to the agent either', async () => {
    const call = await trunkCallToBob();
    call.refer(2, `sip:agent-alice@${DOMAIN}`);
    const refer = await carrier.next(isRequest('REFER', call.callId), 10_000);
    expect(refer?.header('refer-to')).toMatch(new RegExp(`^<sip:xfer\\.[0-9a-f]{24}@127\\.0\\.0\\.1:${trunkPort}>$`));
    expect(await customerCallsAlice()).toMatch(/^SIP\/2\.0 403/);
  });
});
