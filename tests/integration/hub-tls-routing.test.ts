import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/hub/test-hub';
import { freePort } from '../../src/host/telephony/free-port';
import { startKamailio, type RunningKamailio } from '../../src/host/telephony/start-kamailio';
import { sipParty, sipToken, type SipParty } from './support/sip-party';

/**
 * #17 S3: the routing API over real TLS. The hub serves HTTPS with a certificate from a throwaway CA made here with
 * openssl; the real Kamailio reaches https://…/sip/route through http_client, verifying that certificate against
 * the CA it is given, and refuses to talk to the hub when it cannot verify it.
 */
const SIP = { secret: 'hub-tls-sip-secret-0123456789', domain: 'switchboard.test', wsUrl: 'ws://127.0.0.1:5066' };
const dir = mkdtempSync(join(tmpdir(), 'switchboard-hub-tls-'));
const ca = join(dir, 'ca.pem');
let hub: TestHub;
const running: RunningKamailio[] = [];
const parties: SipParty[] = [];

async function makeCertificates(): Promise<void> {
  const openssl = (...args: string[]) => promisify(execFile)('openssl', args, { cwd: dir });
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Switchboard test CA', '-keyout', 'ca.key', '-out', 'ca.pem', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'hub.key', '-out', 'hub.csr');
  writeFileSync(join(dir, 'hub.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  await openssl('x509', '-req', '-in', 'hub.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', 'hub.pem', '-extfile', 'hub.ext');
}

beforeAll(async () => {
  await makeCertificates();
  hub = await startTestHub({ sip: SIP, tls: { certFile: join(dir, 'hub.pem'), keyFile: join(dir, 'hub.key') } });
}, 60_000);
afterAll(async () => {
  for (const party of parties) party.close();
  for (const k of running) await k.stop();
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A customer calls queue 1000 through a Kamailio that asks this hub; resolves with Kamailio's final answer and the Call-ID. */
async function callQueue(kamailio: { sipPort: number }): Promise<{ status: string; callId: string }> {
  const party = await sipParty({ proxyPort: kamailio.sipPort, secret: SIP.secret });
  parties.push(party);
  const callId = sipToken();
  const ruri = `sip:1000@${SIP.domain}`;
  const reply = await party.request(
    (cseq, auth) => [`INVITE ${ruri} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${party.port};rport;branch=z9hG4bK${sipToken()}`, 'Max-Forwards: 70', `From: <sip:customer-tls@${SIP.domain}>;tag=${sipToken()}`, `To: <${ruri}>`, `Call-ID: ${callId}`, `CSeq: ${cseq} INVITE`, `Contact: <sip:customer-tls@127.0.0.1:${party.port}>`, ...auth, 'Content-Length: 0', '', ''],
    callId,
    'INVITE',
    ruri,
    'customer-tls',
  );
  return { status: reply?.startLine ?? 'no answer', callId };
}

async function kamailioFor(hubCaFile?: string): Promise<{ sipPort: number }> {
  const sipPort = await freePort();
  running.push(await startKamailio({ wsPort: await freePort(), sipPort, hubUrl: hub.url, secret: SIP.secret, domain: SIP.domain, ...(hubCaFile ? { hubCaFile } : {}) }));
  return { sipPort };
}

describe('the routing API over TLS (#17 S3)', () => {
  it('serves HTTPS with the configured certificate', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const status = await new Promise<number>((resolve, reject) => {
      get(`${hub.url}/healthz`, { ca: readFileSync(ca) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('Kamailio asks https://…/sip/route, verifying the hub against the CA it was given', async () => {
    const { status, callId } = await callQueue(await kamailioFor(ca));
    // Nobody is signed in: the hub answered "busy" over TLS, so Kamailio says 486, and the call is on the hub.
    expect(status).toMatch(/^SIP\/2\.0 486/);
    expect(hub.hub.store.conversationByCallId(callId)).toMatchObject({ channel: 'voice' });
  }, 60_000);

  it('Kamailio that cannot verify the hub’s certificate sends it nothing', async () => {
    const { status, callId } = await callQueue(await kamailioFor());
    expect(status).toMatch(/^SIP\/2\.0 503/);
    expect(hub.hub.store.conversationByCallId(callId)).toBeNull();
  }, 60_000);
});
