import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sessionRig, until } from '../harness/host/session-rig';
import { HUB_PROTOCOL_VERSION } from '../../src/shared/protocol/hub-protocol';
import { freePort, startHubProcess, type HubProcess } from '../integration/support/hub-process';
import { startHaproxy, type HaproxyRig } from './support/haproxy-rig';

/**
 * Three hub processes behind the repository's HAProxy config. Until the PostgreSQL store exists they share
 * one SQLite file (WAL mode lets processes on one machine take turns writing), standing in for the cluster's
 * shared store: a sign-in made through one hub holds on the others, as it will on PostgreSQL.
 */
const hubs: Array<HubProcess | null> = [null, null, null];
let haproxy: HaproxyRig | null = null;
let desktop: ReturnType<typeof sessionRig> | null = null;
afterAll(async () => {
  desktop?.session.stop();
  await haproxy?.stop();
  await Promise.all(hubs.map((h) => h?.stop()));
});

const env = { HUB_TOKEN_SECRET: randomBytes(48).toString('base64url'), TRUST_PROXY: '127.0.0.1' };
const instanceOf = async (url: string): Promise<string> => {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return res.headers.get('x-switchboard-instance') ?? '';
};

describe('@cluster three hubs behind HAProxy', () => {
  it('passes requests and WebSockets through, and fails over when a hub is killed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cluster-hubs-'));
    const ports = await Promise.all(hubs.map(() => freePort()));
    // One after another: the first creates and seeds the store, the others find it ready.
    for (const [i, port] of ports.entries()) hubs[i] = await startHubProcess(dataDir, port, [], env);
    haproxy = await startHaproxy({ hubs: ports.map((port) => `127.0.0.1:${port}`), checkInterval: '250ms' });
    const lb = haproxy;
    await expect.poll(async () => Object.values(await lb.servers()).map((s) => s.status), { timeout: 10_000 }).toEqual(['UP', 'UP', 'UP']);

    // Plain requests reach every instance.
    const answered = new Set<string>();
    for (let i = 0; i < 9; i++) answered.add(await instanceOf(`${lb.url}/healthz`));
    expect([...answered].sort()).toEqual(['hub1', 'hub2', 'hub3']);
    // /metrics stays private: the public address never serves it.
    expect((await fetch(`${lb.url}/metrics`)).status).toBe(404);

    // A WebSocket upgrade passes through, and the hub speaks on it (an unsigned hello is refused by the hub itself).
    const socket = new WebSocket(`${lb.url.replace('http', 'ws')}/agent/ws`);
    const upgradedBy = await new Promise<string>((resolve, reject) => {
      socket.once('upgrade', (res) => resolve(String(res.headers['x-switchboard-instance'])));
      socket.once('error', reject);
    });
    expect(['hub1', 'hub2', 'hub3']).toContain(upgradedBy);
    const firstFrame = new Promise<string>((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString())));
    socket.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'hello', token: 'not-a-token', cursor: 0 }));
    expect(await firstFrame).toMatch(/"type":"(bye|error)"/);
    socket.close();

    // A desktop signs in through the load balancer and stays online.
    desktop = sessionRig(lb.url);
    const agent = desktop;
    expect((await agent.session.login('alice', 'switchboard')).ok).toBe(true);
    await until(() => agent.session.connection.status === 'online', 15_000, 'desktop online through HAProxy');

    // Kill -9 the hub that carries the desktop's socket.
    await expect.poll(async () => Object.values(await lb.servers()).filter((s) => s.sessions > 0).length, { timeout: 5_000 }).toBe(1);
    const carrying = Object.entries(await lb.servers()).find(([, s]) => s.sessions > 0)?.[0] ?? '';
    const index = Number(carrying.slice(3)) - 1;
    const before = agent.states.length;
    await hubs[index]!.kill9();

    // Requests go on succeeding at once: one that meets the dead hub is sent to a live one.
    for (let i = 0; i < 6; i++) expect(await instanceOf(`${lb.url}/healthz`)).not.toBe(carrying);
    // The desktop notices, reconnects through the same address to a live hub, and is online again.
    await until(() => agent.states.slice(before).some((s) => s.status !== 'online'), 10_000, 'desktop noticed the dead hub');
    await until(() => agent.session.connection.status === 'online', 20_000, 'desktop back online on another hub');
    await expect.poll(async () => (await lb.servers())[carrying]?.status, { timeout: 10_000 }).toBe('DOWN');

    // The hub comes back on its port and HAProxy sends it work again.
    hubs[index] = await startHubProcess(dataDir, ports[index]!, [], env);
    await expect.poll(async () => (await lb.servers())[carrying]?.status, { timeout: 10_000 }).toBe('UP');
  });
});
