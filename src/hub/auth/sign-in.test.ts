import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HUB_PROTOCOL_VERSION, serverFrameSchema, type HubServerFrame, type LoginResponse } from '../../shared/protocol/hub-protocol';
import { SUPERVISOR_PROTOCOL_VERSION } from '../../shared/protocol/supervisor-protocol';
import { eventually, startTestHub, type TestHub } from '../harness/test-hub';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

const SIP = { secret: 'sip-secret-0123456789', domain: 'switchboard.test', wsUrl: 'ws://127.0.0.1:5066' };

const login = (hub: TestHub, username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
const authed = (hub: TestHub, path: string, token: string, init: RequestInit = {}) =>
  fetch(`${hub.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

async function agentSocket(hub: TestHub, token: string) {
  const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/agent/ws`);
  const frames: HubServerFrame[] = [];
  ws.on('message', (d) => frames.push(serverFrameSchema.parse(JSON.parse(String(d)))));
  const closed = new Promise<number>((resolve) => ws.once('close', resolve));
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'hello', token, cursor: 0 }));
  await eventually(() => frames.some((f) => f.type === 'welcome'), 'welcome');
  return { ws, frames, closed };
}

describe('sign-in', () => {
  it('backs off after repeated wrong passwords for a user from one address, without locking that user out elsewhere', async () => {
    t = await startTestHub({ trustProxy: ['127.0.0.1'] });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(t, 'alice', 'wrong', from('198.51.100.7'))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await login(t, 'alice', 'switchboard', from('198.51.100.7'));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(t, 'alice', 'switchboard', from('198.51.100.8'))).status).toBe(200);
  });

  it('backs off an address that tries many user names', async () => {
    t = await startTestHub({ trustProxy: ['127.0.0.1'] });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await login(t, `guess-${i}`, 'x', { 'x-forwarded-for': '203.0.113.5' })).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
  });

  it('hashes new passwords with argon2id and moves an old scrypt hash to argon2id at the next sign-in', async () => {
    t = await startTestHub();
    expect(t.hub.store.agentByUsername('bob')?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const legacy = await legacyScrypt('switchboard');
    t.hub.store.setAgentPassword('agt_bob', legacy);
    expect((await login(t, 'bob', 'switchboard')).status).toBe(200);
    expect(t.hub.store.agentByUsername('bob')?.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await login(t, 'bob', 'switchboard')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('signing out revokes the token, its refresh, and closes the agent’s socket', async () => {
    t = await startTestHub();
    const { token } = (await (await login(t, 'alice', 'switchboard')).json()) as LoginResponse;
    const socket = await agentSocket(t, token);
    expect((await authed(t, '/api/logout', token, { method: 'POST', body: '{}' })).status).toBe(204);
    expect((await authed(t, '/api/dispositions', token)).status).toBe(401);
    expect((await authed(t, '/api/refresh', token, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(await socket.closed).toBe(4401);
    expect(socket.frames.find((f) => f.type === 'bye')).toMatchObject({ reason: 'signed_out' });
  });

  it('changing the password revokes every other session; disabling an account revokes all and refuses sign-in', async () => {
    t = await startTestHub();
    const first = (await (await login(t, 'bob', 'switchboard')).json()) as LoginResponse;
    const second = (await (await login(t, 'bob', 'switchboard')).json()) as LoginResponse;
    const changed = await authed(t, '/api/password', second.token, { method: 'POST', body: JSON.stringify({ current: 'switchboard', next: 'a much longer secret 42' }) });
    expect(changed.status).toBe(200);
    const fresh = (await changed.json()) as LoginResponse;
    expect((await authed(t, '/api/dispositions', first.token)).status).toBe(401);
    expect((await authed(t, '/api/dispositions', second.token)).status).toBe(401);
    expect((await authed(t, '/api/dispositions', fresh.token)).status).toBe(200);
    expect((await login(t, 'bob', 'switchboard')).status).toBe(401);

    const admin = (await (await login(t, 'admin', 'switchboard')).json()) as LoginResponse;
    expect((await authed(t, '/api/agents/agt_bob/disable', fresh.token, { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await authed(t, '/api/agents/agt_bob/disable', admin.token, { method: 'POST', body: '{}' })).status).toBe(204);
    expect((await authed(t, '/api/dispositions', fresh.token)).status).toBe(401);
    expect((await login(t, 'bob', 'a much longer secret 42')).status).toBe(401);
  });

  it('refuses a validly signed token that names a session the hub does not know, on HTTP and every socket', async () => {
    t = await startTestHub();
    const forged = (await t.hub.tokens.issue({ sub: 'agt_sam', role: 'supervisor', sid: 'no-such-session' })).token;
    const response = await authed(t, '/api/dispositions', forged);
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/unknown session/);
    const hello = async (path: string, frame: Record<string, unknown>): Promise<number> => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}${path}`);
      const closed = new Promise<number>((resolve) => ws.once('close', resolve));
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify(frame));
      return closed;
    };
    expect(await hello('/agent/ws', { v: HUB_PROTOCOL_VERSION, type: 'hello', token: forged, cursor: 0 })).toBe(4401);
    expect(await hello('/supervisor/ws', { v: SUPERVISOR_PROTOCOL_VERSION, type: 'hello', token: forged })).toBe(4401);
    // The same agent's token for a session the hub started is honoured.
    const { token } = await t.login('sam');
    expect((await authed(t, '/api/dispositions', token)).status).toBe(200);
  });

  it('refresh ends at the session’s absolute lifetime', async () => {
    t = await startTestHub({ sessionMaxAgeSeconds: 3 });
    const started = Date.now();
    const first = (await (await login(t, 'alice', 'switchboard')).json()) as LoginResponse;
    expect(first.expiresAt).toBeLessThanOrEqual(started + 4_000);
    const refreshed = await authed(t, '/api/refresh', first.token, { method: 'POST', body: '{}' });
    expect(refreshed.status).toBe(200);
    await eventually(() => Date.now() > started + 3_500, 'the session to end', 6_000);
    expect((await authed(t, '/api/refresh', ((await refreshed.json()) as LoginResponse).token, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('never issues SIP credentials that outlive the session', async () => {
    t = await startTestHub({ sessionMaxAgeSeconds: 600, sip: SIP });
    const started = Date.now();
    const first = (await (await login(t, 'alice', 'switchboard')).json()) as LoginResponse;
    expect(first.sip?.expiresAt).toBeGreaterThan(started);
    expect(first.sip?.expiresAt).toBeLessThanOrEqual(started + 601_000);
  });

  it('closes a socket with bye: expired when its token lapses, unless a fresh token arrives first', async () => {
    t = await startTestHub({ tokenTtlSeconds: 3 });
    const alice = (await (await login(t, 'alice', 'switchboard')).json()) as LoginResponse;
    const sam = (await (await login(t, 'sam', 'switchboard')).json()) as LoginResponse;
    const lapsing = await agentSocket(t, alice.token);
    const renewed = await agentSocket(t, sam.token);
    await eventually(() => Date.now() > sam.expiresAt - 1_500, 'half of the token’s life', 5_000);
    const fresh = (await (await authed(t, '/api/refresh', sam.token, { method: 'POST', body: '{}' })).json()) as LoginResponse;
    renewed.ws.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'token', token: fresh.token }));
    expect(await lapsing.closed).toBe(4401);
    expect(lapsing.frames.find((f) => f.type === 'bye')).toMatchObject({ reason: 'expired' });
    await eventually(() => Date.now() > sam.expiresAt + 300, 'the first token to lapse', 5_000);
    renewed.ws.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'ping', nonce: 1 }));
    await eventually(() => renewed.frames.some((f) => f.type === 'pong'), 'a pong after the first token lapsed');
    expect(renewed.frames.some((f) => f.type === 'bye')).toBe(false);
    renewed.ws.close();
  });
});

describe('Host header', () => {
  it('answers only to its own names and IP addresses, so a rebound DNS name cannot reach it', async () => {
    t = await startTestHub({ allowedHosts: ['hub.example.com'] });
    const get = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: t.hub.port, path: '/healthz', headers: { host }, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get(`127.0.0.1:${t.hub.port}`)).toBe(200);
    expect(await get(`localhost:${t.hub.port}`)).toBe(200);
    expect(await get('hub.example.com')).toBe(200);
    expect(await get(`evil.example:${t.hub.port}`)).toBe(421);
    const ws = new WebSocket(`ws://127.0.0.1:${t.hub.port}/agent/ws`, { headers: { host: 'evil.example' } });
    const refused = await new Promise<string>((resolve) => {
      ws.once('unexpected-response', (req, res) => {
        resolve(`status ${res.statusCode}`);
        req.destroy();
      });
      ws.once('open', () => resolve('open'));
      ws.once('error', () => resolve('error'));
    });
    expect(refused).toBe('status 421');
  });
});

/** A hash as hubs before argon2id stored it: `scrypt$N$salt$hash`. */
async function legacyScrypt(password: string): Promise<string> {
  const { randomBytes, scrypt } = await import('node:crypto');
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) => scrypt(password, salt, 32, { N: 16384, r: 8, p: 1 }, (e, k) => (e ? reject(e) : resolve(k))));
  return `scrypt$16384$${salt.toString('base64')}$${key.toString('base64')}`;
}
