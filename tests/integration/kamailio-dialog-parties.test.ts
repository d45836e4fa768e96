import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpRecorder } from '../harness/hub/http-recorder';
import { freePort } from '../../src/host/telephony/free-port';
import { startKamailio, type RunningKamailio } from '../../src/host/telephony/start-kamailio';
import { sipParty, sipToken, type SipMessage, type SipParty } from './support/sip-party';

/**
 * #17 S1 on the real Kamailio with sip/kamailio.cfg: inside a call it set up, a request is relayed only when it
 * comes from one of the call's two parties, from the address that party used. A third party who learnt the
 * Call-ID, both tags and the route gets 403, and nothing reaches either party.
 */
const SECRET = 'kamailio-dialog-secret-0123456789';
const DOMAIN = 'switchboard.test';
let kamailio: RunningKamailio;
let hub: Awaited<ReturnType<typeof startHttpRecorder>>;
let sipPort = 0;
let bob: SipParty;
let alice: SipParty;
let mallory: SipParty;

beforeAll(async () => {
  hub = await startHttpRecorder({});
  sipPort = await freePort();
  kamailio = await startKamailio({ wsPort: await freePort(), sipPort, hubUrl: hub.url, secret: SECRET, domain: DOMAIN, ...(process.env.KLOG ? { logFile: process.env.KLOG } : {}) });
  const party = () => sipParty({ proxyPort: sipPort, secret: SECRET });
  [bob, alice, mallory] = await Promise.all([party(), party(), party()]);
}, 60_000);
afterAll(async () => {
  for (const party of [bob, alice, mallory]) party?.close();
  await kamailio?.stop();
  await hub?.close();
});

const via = (party: SipParty): string => `Via: SIP/2.0/UDP 127.0.0.1:${party.port};rport;branch=z9hG4bK${sipToken()}`;
const uriOf = (header: string): string => /<([^>]+)>/.exec(header)?.[1] ?? '';
const isRequest = (method: string, callId: string) => (m: SipMessage) => m.startLine.startsWith(`${method} `) && m.header('call-id') === callId;

/** An in-dialog request as `sender` would send it (or an attacker copying its headers from another address). */
function inDialog(sender: SipParty, method: string, target: string, routes: string[], from: string, to: string, callId: string, cseq: number): string[] {
  return [`${method} ${target} SIP/2.0`, via(sender), 'Max-Forwards: 70', ...routes.map((r) => `Route: ${r}`), `From: ${from}`, `To: ${to}`, `Call-ID: ${callId}`, `CSeq: ${cseq} ${method}`, 'Content-Length: 0', '', ''];
}

describe('in-dialog requests only from the call’s parties (#17 S1)', () => {
  it('relays what the caller and the callee send inside their call, and refuses the same request from anyone else', async () => {
    // Bob (an agent) registers; Alice (another agent) calls him through the proxy; he answers.
    const regCallId = sipToken();
    const registered = await bob.request(
      (cseq, auth) => [`REGISTER sip:${DOMAIN} SIP/2.0`, via(bob), 'Max-Forwards: 70', `From: <sip:agent-bob@${DOMAIN}>;tag=${sipToken()}`, `To: <sip:agent-bob@${DOMAIN}>`, `Call-ID: ${regCallId}`, `CSeq: ${cseq} REGISTER`, `Contact: <sip:agent-bob@127.0.0.1:${bob.port}>`, 'Expires: 300', ...auth, 'Content-Length: 0', '', ''],
      regCallId,
      'REGISTER',
      `sip:${DOMAIN}`,
      'agent-bob',
    );
    expect(registered?.startLine).toMatch(/^SIP\/2\.0 200/);

    const callId = sipToken();
    const aliceTag = sipToken();
    const bobTag = sipToken();
    const ruri = `sip:agent-bob@${DOMAIN}`;
    const answered = alice.request(
      (cseq, auth) => [`INVITE ${ruri} SIP/2.0`, via(alice), 'Max-Forwards: 70', `From: <sip:agent-alice@${DOMAIN}>;tag=${aliceTag}`, `To: <${ruri}>`, `Call-ID: ${callId}`, `CSeq: ${cseq} INVITE`, `Contact: <sip:agent-alice@127.0.0.1:${alice.port}>`, ...auth, 'Content-Length: 0', '', ''],
      callId,
      'INVITE',
      ruri,
      'agent-alice',
    );
    const invite = await bob.next(isRequest('INVITE', callId));
    expect(invite).not.toBeNull();
    bob.reply(invite!, '200 OK', bobTag, 'agent-bob');
    const ok = await answered;
    expect(ok?.startLine).toMatch(/^SIP\/2\.0 200/);

    // The dialog as each side sees it.
    const recordRoutes = ok!.all('record-route').flatMap((r) => r.split(/,\s*(?=<)/));
    const callerRoutes = [...recordRoutes].reverse();
    const callerFrom = `<sip:agent-alice@${DOMAIN}>;tag=${aliceTag}`;
    const callerTo = ok!.header('to');
    const bobContact = uriOf(ok!.header('contact'));
    const aliceContact = `sip:agent-alice@127.0.0.1:${alice.port}`;
    alice.send(inDialog(alice, 'ACK', bobContact, callerRoutes, callerFrom, callerTo, callId, 2));
    expect(await bob.next(isRequest('ACK', callId))).not.toBeNull();

    // Mallory knows the Call-ID, both tags and the route, but sends from her own address: as the caller…
    const before = bob.received.length + alice.received.length;
    mallory.send(inDialog(mallory, 'BYE', bobContact, callerRoutes, callerFrom, callerTo, callId, 3));
    const refused = await mallory.next((m) => m.header('call-id') === callId && /^SIP\/2\.0 \d{3}/.test(m.startLine));
    expect(refused?.startLine).toMatch(/^SIP\/2\.0 403/);
    // …and as the callee.
    mallory.send(inDialog(mallory, 'BYE', aliceContact, recordRoutes, callerTo, callerFrom, callId, 1));
    expect(await mallory.next((m) => m.header('call-id') === callId && m.header('cseq') === '1 BYE')).toMatchObject({ startLine: expect.stringMatching(/^SIP\/2\.0 403/) });
    await new Promise((r) => setTimeout(r, 500));
    expect(bob.received.length + alice.received.length).toBe(before);

    // The callee's own request reaches the caller; the caller's own BYE reaches the callee.
    bob.send(inDialog(bob, 'INFO', aliceContact, recordRoutes, callerTo, callerFrom, callId, 2));
    const info = await alice.next(isRequest('INFO', callId));
    expect(info).not.toBeNull();
    alice.reply(info!, '200 OK', aliceTag, 'agent-alice');
    alice.send(inDialog(alice, 'BYE', bobContact, callerRoutes, callerFrom, callerTo, callId, 4));
    expect(await bob.next(isRequest('BYE', callId))).not.toBeNull();
  });
});

describe('who a customer’s phone can call (#17 S4)', () => {
  it('rings no agent directly: a customer’s user agent gets 403 for a SIP user, and the agent’s phone nothing', async () => {
    const callId = sipToken();
    const ruri = `sip:agent-bob@${DOMAIN}`;
    const before = bob.received.length;
    const reply = await mallory.request(
      (cseq, auth) => [`INVITE ${ruri} SIP/2.0`, via(mallory), 'Max-Forwards: 70', `From: <sip:customer-mallory@${DOMAIN}>;tag=${sipToken()}`, `To: <${ruri}>`, `Call-ID: ${callId}`, `CSeq: ${cseq} INVITE`, `Contact: <sip:customer-mallory@127.0.0.1:${mallory.port}>`, ...auth, 'Content-Length: 0', '', ''],
      callId,
      'INVITE',
      ruri,
      'customer-mallory',
    );
    expect(reply?.startLine).toMatch(/^SIP\/2\.0 403/);
    await new Promise((r) => setTimeout(r, 300));
    expect(bob.received.slice(before).filter((m) => m.startLine.startsWith('INVITE'))).toEqual([]);
  });
});
