import { afterEach, describe, expect, it } from 'vitest';
import { sessionContract } from '../shared/contracts/session-contract';
import { createMemoryLogger } from '../shared/log';
import { createPortPair } from '../shared/rpc/port';
import { createRpcClient } from '../shared/rpc/rpc-client';
import { createRpcServer } from '../shared/rpc/rpc-server';
import { backoffDelay } from '../shared/backoff';
import { defaultAnswer, fakeAgent, sampleEvents, startFakeHub, type FakeHub } from '../../tests/harness/host/fake-hub';
import { until } from '../../tests/harness/host/session-rig';
import { checkEvents } from './sync/event-intake';
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
      events: (batch) => ({ cursor: batch.through, rejected: [] }),
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

  it('applies the next position of its feed live, and catches up on a gap in it', async () => {
    hub = await startFakeHub();
    const h = hub;
    h.onFrame = (frame, socket) => {
      if (frame.type === 'hello') return h.send(socket, { type: 'welcome', agent: fakeAgent, headSeq: 2 });
      if (frame.type === 'sync') {
        const after = Number(frame.after);
        const events = [sampleEvents.customer(1), sampleEvents.conversation(2)].filter((e) => e.seq > after);
        return h.send(socket, { type: 'events', events, through: Math.max(after, 2), headSeq: 2, more: false });
      }
      defaultAnswer(h, frame, socket, 2);
    };
    const applied: number[] = [];
    client = createHubClient({
      hubUrl: h.url,
      cursor: 0,
      log: createMemoryLogger(),
      getToken: async () => 'token',
      handlers: {
        status: () => undefined,
        events: (batch) => {
          applied.push(...checkEvents(batch.raw, batch.window).accepted.map((e) => e.seq));
          return { cursor: batch.through, rejected: [] };
        },
        agent: () => undefined,
        offer: () => undefined,
        offerRevoked: () => undefined,
        ended: () => undefined,
      },
    });
    const syncs = () => h.received.filter((f) => f.type === 'sync').length;
    await until(() => client!.cursor() === 2 && syncs() === 1, 5_000, 'initial sync');
    // The next position of this agent's feed applies as it stands.
    for (const s of h.sockets) h.send(s, { type: 'event', event: sampleEvents.message(3, 'three') });
    await until(() => client!.cursor() === 3, 5_000, 'next live event');
    expect(applied).toEqual([1, 2, 3]);
    expect(syncs()).toBe(1);
    // Position 5 while this desktop holds 3: 4 is missing, so it catches up from 3.
    for (const s of h.sockets) h.send(s, { type: 'event', event: sampleEvents.message(5, 'five') });
    await until(() => syncs() === 2, 5_000, 'catch-up for a gap');
    expect(h.received.filter((f) => f.type === 'sync').at(-1)).toMatchObject({ after: 3 });
  });
});
