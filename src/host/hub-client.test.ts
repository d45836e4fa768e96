import { afterEach, describe, expect, it } from 'vitest';
import { sessionContract } from '../shared/contracts/session-contract';
import { createMemoryLogger } from '../shared/log';
import { createPortPair } from '../shared/rpc/port';
import { createRpcClient } from '../shared/rpc/rpc-client';
import { createRpcServer } from '../shared/rpc/rpc-server';
import { backoffDelay } from './backoff';
import { defaultAnswer, startFakeHub, type FakeHub } from './harness/fake-hub';
import { until } from './harness/session-rig';
import { createHubClient, type HubClient, type HubLinkStatus } from './hub-client';
import { startHostServices, type HostServices } from './host-services';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let hub: FakeHub | null = null;
let client: HubClient | null = null;
let services: HostServices | null = null;
afterEach(async () => {
  client?.close();
  services?.stop();
  client = null;
  services = null;
  await hub?.close();
  hub = null;
});

function track(h: FakeHub, getToken: () => Promise<string | null> = async () => 'token') {
  const statuses: Array<{ status: HubLinkStatus; at: number }> = [];
  client = createHubClient({
    hubUrl: h.url,
    cursor: 0,
    log: createMemoryLogger(),
    getToken,
    handlers: {
      status: (status) => statuses.push({ status, at: Date.now() }),
      events: (batch) => batch.through,
      agent: () => undefined,
      offer: () => undefined,
      offerRevoked: () => undefined,
      ended: () => undefined,
    },
  });
  return statuses;
}
const hellos = (h: FakeHub) => h.received.filter((f) => f.type === 'hello');

describe('the hub link', () => {
  it('notices a silent socket within 10 seconds', async () => {
    hub = await startFakeHub();
    let silent = false;
    let silentSince = 0;
    hub.onFrame = (frame, socket) => {
      if (silent) return;
      defaultAnswer(hub!, frame, socket, 0);
    };
    const statuses = track(hub);
    await until(() => statuses.some((s) => s.status === 'online'), 5_000, 'online');
    silent = true;
    silentSince = Date.now();
    await until(() => statuses.some((s) => s.status === 'offline'), 12_000, 'dead socket noticed');
    const noticed = statuses.find((s) => s.status === 'offline')!.at - silentSince;
    expect(noticed).toBeLessThanOrEqual(10_000);
  }, 20_000);

  it('reconnects with jittered, growing delays and asks for a fresh token each time', async () => {
    hub = await startFakeHub();
    const tokens: string[] = [];
    let n = 0;
    const statuses = track(hub, async () => {
      const t = `token-${++n}`;
      tokens.push(t);
      return t;
    });
    await until(() => hellos(hub!).length === 1, 5_000, 'first hello');
    const port = hub.port;
    await hub.close();
    await until(() => tokens.length >= 4, 10_000, 'retries');
    hub = await startFakeHub({ port });
    await until(() => hellos(hub!).length === 1, 20_000, 'reconnect');
    expect(hellos(hub)[0]?.token).toBe(tokens.at(-1));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(statuses.map((s) => s.status)).toContain('offline');
    // The schedule itself: full jitter within [ceiling/2, ceiling], doubling up to the cap.
    expect(backoffDelay(0, 500, 15_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 15_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 15_000, () => 1)).toBe(4_000);
    expect(backoffDelay(30, 500, 15_000, () => 1)).toBe(15_000);
  }, 40_000);

  it('refreshes a token close to expiry before reconnecting', async () => {
    hub = await startFakeHub({ tokenTtlMs: 30_000 });
    const server = createRpcServer(createMemoryLogger());
    services = startHostServices({ hubUrl: hub.url, dataDir: mkdtempSync(join(tmpdir(), 'wake-')) }, server, createMemoryLogger());
    const [a, b] = createPortPair();
    server.attach(a);
    const session = createRpcClient(b).proxy(sessionContract);
    expect((await session.login({ username: 'tester', password: 'pw' })).ok).toBe(true);
    await until(() => hellos(hub!).length === 1, 5_000, 'hello');
    for (const s of hub.sockets) s.terminate();
    await until(() => hellos(hub!).length === 2, 10_000, 'reconnect');
    expect(hub.refreshes).toBeGreaterThanOrEqual(1);
    expect(hellos(hub)[1]?.token).not.toBe(hellos(hub)[0]?.token);
  });

  it('HostServices.wake() reconnects at once instead of waiting out the backoff', async () => {
    hub = await startFakeHub();
    const server = createRpcServer(createMemoryLogger());
    services = startHostServices({ hubUrl: hub.url, dataDir: mkdtempSync(join(tmpdir(), 'wake-')) }, server, createMemoryLogger());
    const [a, b] = createPortPair();
    server.attach(a);
    const session = createRpcClient(b).proxy(sessionContract);
    const states: string[] = [];
    session.on('connection', (c) => states.push(c.status));
    await session.login({ username: 'tester', password: 'pw' });
    await until(() => states.includes('online'), 5_000, 'online');
    const port = hub.port;
    await hub.close();
    // Six seconds of refused connects push the next delay to several seconds.
    await new Promise((r) => setTimeout(r, 6_000));
    hub = await startFakeHub({ port });
    const woke = Date.now();
    services.wake();
    await until(() => hellos(hub!).length === 1, 5_000, 'hello after wake');
    expect(Date.now() - woke).toBeLessThan(1_000);
    await until(() => states.at(-1) === 'online', 5_000, 'online again');
  }, 30_000);
});
