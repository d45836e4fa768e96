import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpRecorder } from '../harness/hub/http-recorder';
import { freePort } from '../../src/host/telephony/free-port';
import { startKamailio, type RunningKamailio } from '../../src/host/telephony/start-kamailio';
import { startRtpengine, type RunningRtpengine } from '../../src/host/telephony/start-rtpengine';
import { mediaPortRange } from '../../src/host/telephony/start-sip-stack';
import { sipParty, sipToken, type SipMessage, type SipParty } from './support/sip-party';

/**
 * #14 capacity of the edge, on the real Kamailio and rtpengine: a carrier sends many calls at once from its one
 * address (as a carrier does), each to a DID the hub gives to its own agent, whose phone is on a WebSocket as a
 * browser's is. Every call is set up: the trusted carrier is never taken for a flood (pike), the SIP workers waiting
 * on the hub's answers do not turn callers away, and rtpengine anchors every call's media.
 */
const SECRET = 'kamailio-trunk-concurrency-secret-0123';
const DOMAIN = 'switchboard.test';
const CALLS = 40;
let kamailio: RunningKamailio;
let rtpengine: RunningRtpengine;
let hub: Awaited<ReturnType<typeof startHttpRecorder>>;
let trunkPort = 0;
let carrier: SipParty;
const agents: SipParty[] = [];

const agentOf = (caller: string): string => `agent-k${Number(caller.slice(-3))}`;

beforeAll(async () => {
  hub = await startHttpRecorder({
    // Each caller's call goes to its own agent; the hub takes a while to decide, as a busy one does.
    '/sip/route': async (_n: number, request: { query: URLSearchParams }) => {
      await new Promise((r) => setTimeout(r, 50));
      return { action: 'agent', sipUser: agentOf(request.query.get('caller') ?? ''), conversationId: `conv_${sipToken()}` };
    },
    '/sip/events': {},
  });
  rtpengine = await startRtpengine({ ngPort: await freePort(), ...mediaPortRange(4 * CALLS + 40) });
  const wsPort = await freePort();
  trunkPort = await freePort();
  kamailio = await startKamailio({
    wsPort,
    sipPort: await freePort(),
    hubUrl: hub.url,
    secret: SECRET,
    domain: DOMAIN,
    trunk: { port: trunkPort, allow: ['127.0.0.1'], rtpengine: rtpengine.ngAddress },
    ...(process.env.KLOG ? { logFile: process.env.KLOG } : {}),
  });
  carrier = await sipParty({ proxyPort: trunkPort, secret: SECRET });
  for (let i = 0; i < CALLS; i++) {
    const agent = await sipParty({ proxyPort: wsPort, secret: SECRET, transport: 'WS' });
    agents.push(agent);
    const user = `agent-k${i}`;
    const callId = sipToken();
    const registered = await agent.request(
      (cseq, auth) => [`REGISTER sip:${DOMAIN} SIP/2.0`, agent.via(), 'Max-Forwards: 70', `From: <sip:${user}@${DOMAIN}>;tag=${sipToken()}`, `To: <sip:${user}@${DOMAIN}>`, `Call-ID: ${callId}`, `CSeq: ${cseq} REGISTER`, `Contact: <${agent.contact(user)}>`, 'Expires: 300', ...auth, 'Content-Length: 0', '', ''],
      callId,
      'REGISTER',
      `sip:${DOMAIN}`,
      user,
    );
    expect(registered?.startLine).toMatch(/^SIP\/2\.0 200/);
  }
}, 120_000);
afterAll(async () => {
  for (const party of [carrier, ...agents]) party?.close();
  await kamailio?.stop();
  await rtpengine?.stop();
  await hub?.close();
});

const offer = (port: number): string => ['v=0', `o=- ${port} 1 IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 0 8 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');
const fingerprint = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');
const browserAnswer = (port: number): string => ['v=0', `o=- ${port} 2 IN IP4 127.0.0.1`, 's=-', 't=0 0', 'a=group:BUNDLE 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 0', 'c=IN IP4 127.0.0.1', 'a=mid:0', 'a=rtpmap:0 PCMU/8000', `a=ice-ufrag:u${port}`, 'a=ice-pwd:agentpasswordagentpassword', `a=fingerprint:sha-256 ${fingerprint}`, 'a=setup:active', 'a=rtcp-mux', 'a=sendrecv', `a=candidate:1 1 udp 2130706431 127.0.0.1 ${port} typ host`, ''].join('\r\n');
const finalReply = (callId: string) => (m: SipMessage) => /^SIP\/2\.0 [2-6]\d\d/.test(m.startLine) && m.header('call-id') === callId && m.header('cseq').endsWith(' INVITE');

describe('many trunk calls at once (#14)', () => {
  it(`sets up all ${CALLS} calls the carrier sends in one burst from its one address, each with its media anchored`, async () => {
    // Each agent's phone answers the call it is given.
    const answered = agents.map(async (agent, i) => {
      const invite = await agent.next((m) => m.startLine.startsWith('INVITE '), 60_000);
      if (!invite) return null;
      agent.reply(invite, '200 OK', sipToken(), `agent-k${i}`, browserAnswer(41_000 + 2 * i));
      return invite;
    });
    const calls = Array.from({ length: CALLS }, (_, i) => ({ callId: sipToken(), caller: `+86139000${String(i).padStart(5, '0')}` }));
    for (const [i, call] of calls.entries()) {
      const ruri = `sip:8000@127.0.0.1:${trunkPort}`;
      const body = offer(40_000 + 2 * i);
      carrier.send([`INVITE ${ruri} SIP/2.0`, carrier.via(), 'Max-Forwards: 70', `From: <sip:${call.caller}@carrier.example>;tag=${sipToken()}`, `To: <${ruri}>`, `Call-ID: ${call.callId}`, 'CSeq: 1 INVITE', `Contact: <${carrier.contact(call.caller)}>`, 'Content-Type: application/sdp', `Content-Length: ${Buffer.byteLength(body)}`, '', body]);
    }
    const finals = await Promise.all(calls.map((call) => carrier.next(finalReply(call.callId), 60_000)));
    expect(finals.map((f) => f?.startLine ?? 'no answer')).toEqual(calls.map(() => 'SIP/2.0 200 OK'));
    // rtpengine's address in every answer the carrier got: plain RTP/AVP, the media anchored.
    for (const f of finals) expect(f!.text).toMatch(/m=audio \d+ RTP\/AVP /);
    const invites = await Promise.all(answered);
    expect(invites.filter((i) => i && /UDP\/TLS\/RTP\/SAVPF/.test(i.text)).length).toBe(CALLS);
  }, 120_000);
});
