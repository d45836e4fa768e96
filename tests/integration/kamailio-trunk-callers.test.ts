import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpRecorder } from '../harness/hub/http-recorder';
import { freePort } from '../../src/host/telephony/free-port';
import { startKamailio, type RunningKamailio } from '../../src/host/telephony/start-kamailio';
import { startRtpengine, type RunningRtpengine } from '../../src/host/telephony/start-rtpengine';
import { mediaPortRange } from '../../src/host/telephony/start-sip-stack';
import { sipParty, sipToken, type SipParty } from './support/sip-party';

/**
 * #17 S4 on the real Kamailio (with the carrier trunk, rtpengine and an outbound gateway): a caller from the trusted
 * carrier reaches numbers, which the hub routes as DIDs, and nothing else: not an agent's extension directly, and
 * not an external number through our gateways, even when the hub (here a recorder) would answer "external".
 */
const SECRET = 'kamailio-trunk-secret-0123456789';
const DOMAIN = 'switchboard.test';
let kamailio: RunningKamailio;
let rtpengine: RunningRtpengine;
let hub: Awaited<ReturnType<typeof startHttpRecorder>>;
let sipPort = 0;
let trunkPort = 0;
let agent: SipParty;
let carrier: SipParty;
let gateway: Socket;
const atGateway: string[] = [];

beforeAll(async () => {
  hub = await startHttpRecorder({ '/sip/route': { action: 'external', number: '+8613800000000' } });
  rtpengine = await startRtpengine({ ngPort: await freePort(), ...mediaPortRange() });
  gateway = createSocket('udp4');
  gateway.on('message', (m) => atGateway.push(m.toString()));
  await new Promise<void>((r) => gateway.bind(0, '127.0.0.1', () => r()));
  [sipPort, trunkPort] = [await freePort(), await freePort()];
  kamailio = await startKamailio({
    wsPort: await freePort(),
    sipPort,
    hubUrl: hub.url,
    secret: SECRET,
    domain: DOMAIN,
    trunk: { port: trunkPort, allow: ['127.0.0.1'], gateways: [`sip:127.0.0.1:${gateway.address().port}`], rtpengine: rtpengine.ngAddress },
  });
  agent = await sipParty({ proxyPort: sipPort, secret: SECRET });
  carrier = await sipParty({ proxyPort: trunkPort, secret: SECRET });
}, 60_000);
afterAll(async () => {
  agent?.close();
  carrier?.close();
  gateway?.close();
  await kamailio?.stop();
  await rtpengine?.stop();
  await hub?.close();
});

const sdp = (port: number): string => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 0 8`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=sendrecv', ''].join('\r\n');

/** The carrier sends a new call for `user` to the trunk port; resolves with Kamailio's final answer. */
async function fromCarrier(user: string): Promise<string> {
  const callId = sipToken();
  const ruri = `sip:${user}@127.0.0.1:${trunkPort}`;
  const body = sdp(40_000);
  const reply = await carrier.request(
    () => [`INVITE ${ruri} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${carrier.port};rport;branch=z9hG4bK${sipToken()}`, 'Max-Forwards: 70', `From: <sip:+8613912345678@carrier.example>;tag=${sipToken()}`, `To: <${ruri}>`, `Call-ID: ${callId}`, 'CSeq: 1 INVITE', `Contact: <sip:+8613912345678@127.0.0.1:${carrier.port}>`, 'Content-Type: application/sdp', `Content-Length: ${Buffer.byteLength(body)}`, '', body],
    callId,
    'INVITE',
    ruri,
    'carrier',
  );
  return reply?.startLine ?? 'no answer';
}

describe('who a trunk caller can reach (#17 S4)', () => {
  it('rings no agent extension directly: a SIP user from the carrier gets 403 and the agent’s phone nothing', async () => {
    const regCallId = sipToken();
    const registered = await agent.request(
      (cseq, auth) => [`REGISTER sip:${DOMAIN} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${agent.port};rport;branch=z9hG4bK${sipToken()}`, 'Max-Forwards: 70', `From: <sip:agent-bob@${DOMAIN}>;tag=${sipToken()}`, `To: <sip:agent-bob@${DOMAIN}>`, `Call-ID: ${regCallId}`, `CSeq: ${cseq} REGISTER`, `Contact: <sip:agent-bob@127.0.0.1:${agent.port}>`, 'Expires: 300', ...auth, 'Content-Length: 0', '', ''],
      regCallId,
      'REGISTER',
      `sip:${DOMAIN}`,
      'agent-bob',
    );
    expect(registered?.startLine).toMatch(/^SIP\/2\.0 200/);
    const before = agent.received.length;
    expect(await fromCarrier('agent-bob')).toMatch(/^SIP\/2\.0 403/);
    await new Promise((r) => setTimeout(r, 500));
    expect(agent.received.slice(before).filter((m) => m.startLine.startsWith('INVITE'))).toEqual([]);
  });

  it('asks the hub what a dialled number is (as a DID), and dials nothing out through the gateways', async () => {
    const asked = hub.requests.length;
    expect(await fromCarrier('4000')).toMatch(/^SIP\/2\.0 403/);
    const query = hub.requests.slice(asked).find((r) => r.path === '/sip/route');
    expect(query?.query.get('origin')).toBe('trunk');
    expect(query?.query.get('queue')).toBe('4000');
    await new Promise((r) => setTimeout(r, 500));
    expect(atGateway.filter((m) => m.startsWith('INVITE'))).toEqual([]);
  });
});
