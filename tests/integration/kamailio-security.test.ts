import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHttpRecorder } from '../harness/hub/http-recorder';
import { ephemeralPassword } from '../../src/hub/sip/sip-credentials';
import { freePort } from '../../src/host/telephony/free-port';
import { startKamailio, type RunningKamailio } from '../../src/host/telephony/start-kamailio';

/** The real Kamailio with sip/kamailio.cfg, and a recorder standing in for the hub's routing API. */
const SECRET = 'kamailio-security-secret-0123456789';
const DOMAIN = 'switchboard.test';
let kamailio: RunningKamailio;
let hub: Awaited<ReturnType<typeof startHttpRecorder>>;
let sipPort = 0;
let wsPort = 0;
let udp: Socket;
let bait: Socket;
let baitPort = 0;
const received: string[] = [];
const baited: string[] = [];

beforeAll(async () => {
  hub = await startHttpRecorder({ '/sip/route': { action: 'busy' } });
  [sipPort, wsPort] = [await freePort(), await freePort()];
  kamailio = await startKamailio({ wsPort, sipPort, hubUrl: hub.url, secret: SECRET, domain: DOMAIN });
  udp = createSocket('udp4');
  udp.on('message', (m) => received.push(m.toString()));
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
  // Where a forged alias would point: nothing should ever arrive here.
  bait = createSocket('udp4');
  bait.on('message', (m) => baited.push(m.toString()));
  await new Promise<void>((r) => bait.bind(0, '127.0.0.1', () => r()));
  baitPort = bait.address().port;
}, 60_000);
afterAll(async () => {
  udp?.close();
  bait?.close();
  await kamailio?.stop();
  await hub?.close();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function exchange(message: string, match: (reply: string) => boolean, timeoutMs = 3_000): Promise<string | null> {
  const from = received.length;
  udp.send(message, sipPort, '127.0.0.1');
  for (let waited = 0; waited < timeoutMs; waited += 25) {
    const reply = received.slice(from).find(match);
    if (reply) return reply;
    await wait(25);
  }
  return null;
}

function request(method: string, ruri: string, user: string, extra: string[] = [], callId = randomBytes(8).toString('hex')): string {
  const port = udp.address().port;
  return [
    `${method} ${ruri} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${port};rport;branch=z9hG4bK${randomBytes(6).toString('hex')}`,
    'Max-Forwards: 70',
    `From: <sip:${user}@${DOMAIN}>;tag=${randomBytes(4).toString('hex')}`,
    `To: <${ruri.split(';')[0]}>`,
    `Call-ID: ${callId}`,
    `CSeq: 1 ${method}`,
    `Contact: <sip:${user}@127.0.0.1:${port}>`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** Sends the request, answers Kamailio's digest challenge with hub-style ephemeral credentials, returns the final reply. */
async function authenticated(method: string, ruri: string, sipUser: string): Promise<string | null> {
  const callId = randomBytes(8).toString('hex');
  const challenge = await exchange(request(method, ruri, sipUser, [], callId), (r) => r.includes(callId) && /^SIP\/2\.0 (401|407)/.test(r));
  if (!challenge) return null;
  const proxy = /^SIP\/2\.0 407/.test(challenge);
  const header = /(?:WWW|Proxy)-Authenticate: Digest ([^\r\n]+)/i.exec(challenge)?.[1] ?? '';
  const param = (name: string) => new RegExp(`${name}="?([^",]+)"?`).exec(header)?.[1] ?? '';
  const username = `${Math.floor(Date.now() / 1000) + 3600}:${sipUser}`;
  const password = ephemeralPassword(SECRET, username);
  const nonce = param('nonce');
  const realm = param('realm');
  const cnonce = randomBytes(4).toString('hex');
  const ha1 = md5(`${username}:${realm}:${password}`);
  const ha2 = md5(`${method}:${ruri}`);
  const qop = param('qop') ? 'auth' : '';
  const response = qop ? md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  const auth = `${proxy ? 'Proxy-' : ''}Authorization: Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${ruri}", response="${response}", algorithm=MD5${qop ? `, qop=auth, nc=00000001, cnonce="${cnonce}"` : ''}`;
  const again = request(method, ruri, sipUser, [auth], callId).replace('CSeq: 1', 'CSeq: 2');
  return exchange(again, (r) => r.includes(callId) && /^SIP\/2\.0 [2-6]\d\d/.test(r) && !/^SIP\/2\.0 100/.test(r));
}

function handshake(origin: string | null): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${wsPort}`, 'sip', origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('Kamailio hardening (#17 S1, S2)', () => {
  it('refuses the SIP WebSocket to pages of other sites, and opens it to the app and to non-browser clients', async () => {
    expect(await handshake('https://evil.example')).toBe(403);
    expect(await handshake('http://127.0.0.1.evil.example')).toBe(403);
    expect(await handshake('null')).toBe(403);
    expect(await handshake('http://127.0.0.1:5181')).toBe(101);
    expect(await handshake('file://')).toBe(101);
    expect(await handshake(null)).toBe(101);
  });

  it('relays an authenticated request to a caller-chosen ip~port alias no more', async () => {
    const reply = await authenticated('INVITE', `sip:target@x.invalid;alias=127.0.0.1~${baitPort}~1`, 'agent-mallory');
    expect(reply).toMatch(/^SIP\/2\.0 403/);
    await wait(500);
    expect(baited).toEqual([]);
  });

  it('posts no call event for a forged BYE whose route names an agent it cannot be', async () => {
    const posted = hub.requests.length;
    const route = `Route: <sip:127.0.0.1:${sipPort};lr;sbq=1;sba=x"}],"event":"answered;sbc=1>`;
    await exchange(request('BYE', `sip:agent-bob@127.0.0.1:${baitPort}`, 'agent-mallory', [route]).replace(/^(To: [^\r\n]+)/m, '$1;tag=forged'), () => false, 1_000);
    expect(hub.requests.slice(posted).filter((r) => r.path === '/sip/events').map((r) => r.body)).toEqual([]);
  });
});

describe('Kamailio flood guard (#17 S4)', () => {
  it('stops answering a source that sends new requests in a flood', async () => {
    // The same config with no exempt source (by default this computer is exempt, for the dev stack and its benches).
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join, resolve } = await import('node:path');
    const wrapper = join(mkdtempSync(join(tmpdir(), 'kamailio-pike-')), 'kamailio.cfg');
    writeFileSync(wrapper, `#!define SB_PIKE_EXEMPT "^none$"\ninclude_file "${resolve('sip/kamailio.cfg')}"\n`);
    const [sip2, ws2] = [await freePort(), await freePort()];
    const flooded = await startKamailio({ wsPort: ws2, sipPort: sip2, hubUrl: hub.url, secret: SECRET, domain: DOMAIN, configFile: wrapper });
    try {
      const before = received.length;
      for (let i = 0; i < 60; i++) udp.send(request('OPTIONS', `sip:${DOMAIN}`, 'flooder').replace(/^OPTIONS sip:[^ ]+/, `OPTIONS sip:127.0.0.1:${sip2}`), sip2, '127.0.0.1');
      await wait(1_000);
      const answered = received.slice(before).filter((r) => /^SIP\/2\.0 200 Keepalive/.test(r)).length;
      expect(answered).toBeGreaterThan(0);
      expect(answered).toBeLessThan(40);
    } finally {
      await flooded.stop();
    }
  });
});

describe('two SIP secrets (#17 S3)', () => {
  it('Kamailio sends the routing-API secret, which is not the auth_ephemeral key and is derived as the hub derives it', async () => {
    const { sipApiSecret } = await import('../../src/hub/sip/sip-api-secret');
    const { derivedSipApiSecret } = await import('../../src/host/telephony/sip-api-secret');
    expect(derivedSipApiSecret(SECRET)).toBe(sipApiSecret({ secret: SECRET }));
    expect(sipApiSecret({ secret: SECRET })).not.toBe(SECRET);
    // An authenticated call to a queue number makes Kamailio ask the hub's routing API.
    const asked = hub.requests.length;
    await authenticated('INVITE', `sip:5000@${DOMAIN}`, 'customer-s3');
    const query = hub.requests.slice(asked).find((r) => r.path === '/sip/route');
    expect(query?.headers['x-switchboard-sip-secret']).toBe(sipApiSecret({ secret: SECRET }));
  });
});

describe('in-dialog requests (#17 S1)', () => {
  it('refuses a BYE for a dialog Kamailio never set up, even with a plausible agent in its route', async () => {
    const posted = hub.requests.length;
    const callId = randomBytes(8).toString('hex');
    const route = `Route: <sip:127.0.0.1:${sipPort};lr;sbq=1;sba=agent-bob;sbc=13800138000>`;
    const bye = request('BYE', `sip:agent-bob@127.0.0.1:${baitPort}`, 'agent-mallory', [route], callId).replace(/^(To: [^\r\n]+)/m, '$1;tag=forged');
    const reply = await exchange(bye, (r) => r.includes(callId));
    expect(reply).toMatch(/^SIP\/2\.0 403/);
    await wait(300);
    expect(baited).toEqual([]);
    expect(hub.requests.slice(posted).filter((r) => r.path === '/sip/events')).toEqual([]);
  });
});
