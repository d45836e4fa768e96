import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMemoryLogger } from '../../src/shared/log';
import type { HubConfigInput } from '../../src/hub/config';
import { startHub, type Hub } from '../../src/hub/server';
import { connectAgent, type AgentSocket } from '../integration/support/agent-socket';
import { startClusterHubProcess, type ClusterHubProcess } from './support/cluster-hub-process';
import { startRedis, type RedisRig } from './support/redis-rig';

/**
 * Two hub instances in this process sharing one SQLite file (WAL; the stand-in for the cluster's PostgreSQL
 * until that store exists) and one real Redis, plus a third in its own process to kill with -9. Each signal
 * a cluster carries through Redis is proved by what a desktop, a widget visitor or a supervisor notices.
 */
let redis: RedisRig | null = null;
let dataDir = '';
const hubs: Hub[] = [];
let doomed: ClusterHubProcess | null = null;
const sockets: Array<{ close(): void }> = [];
const PRESENCE_TTL_MS = 1_500;

const config = (redisUrl: string): HubConfigInput => ({
  port: 0,
  dataDir,
  demo: true,
  tokenSecret: randomBytes(48).toString('base64url'),
  webhookSecrets: { generic: 'a-webhook-secret-of-some-length' },
  channelRateLimitPerMinute: 3,
  cluster: { redisUrl, presenceTtlMs: PRESENCE_TTL_MS, feedPollMs: 300 },
});
let shared: HubConfigInput;

beforeAll(async () => {
  redis = await startRedis();
  dataDir = mkdtempSync(join(tmpdir(), 'cluster-redis-'));
  shared = config(redis.url);
  // One after the other: the first creates and seeds the store, the second finds it ready.
  hubs.push(await startHub(shared, createMemoryLogger()));
  hubs.push(await startHub(shared, createMemoryLogger()));
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await doomed?.stop();
  for (const hub of hubs) await hub.close();
  await redis?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const hubA = (): Hub => hubs[0]!;
const hubB = (): Hub => hubs[1]!;

async function until<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function agentOn(url: string, username: string): Promise<AgentSocket> {
  const socket = await connectAgent(url, username);
  sockets.push(socket);
  return socket;
}

/** One widget tab of a visitor: every frame it receives, and a way to write and type. */
async function visitorTab(url: string, visitorId: string) {
  const raw = new WebSocket(`${url.replace(/^http/, 'ws')}/widget/ws`);
  sockets.push({ close: () => raw.terminate() });
  const frames: Array<Record<string, unknown>> = [];
  raw.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
  raw.send(JSON.stringify({ type: 'hello', visitorId }));
  await until(() => frames.some((f) => f.type === 'history'), 'widget history');
  return {
    frames,
    say: (text: string) => raw.send(JSON.stringify({ type: 'message', text, key: `m${randomUUID().replace(/-/g, '')}` })),
    typing: (active: boolean) => raw.send(JSON.stringify({ type: 'typing', active })),
  };
}

/** The message with this text, once a live event brought it to the socket. */
function messageEvent(socket: AgentSocket, text: string) {
  for (const f of socket.frames) if (f.type === 'event' && f.event.kind === 'message.created' && f.event.message.text === text) return f.event.message;
  return undefined;
}

let alice: AgentSocket;
let conversationId = '';
let tabOnA: Awaited<ReturnType<typeof visitorTab>>;
let tabOnB: Awaited<ReturnType<typeof visitorTab>>;

describe('@cluster two hub instances sharing Redis', () => {
  it('carries a commit on one instance to a desktop on the other at once, and a visitor’s and an agent’s words and typing both ways', async () => {
    alice = await agentOn(hubB().url, 'alice');
    const sam = await agentOn(hubA().url, 'sam');
    // The visitor opens the chat on B (where alice is offered it), and has a second tab open on A.
    tabOnB = await visitorTab(hubB().url, 'v-cluster');
    tabOnA = await visitorTab(hubA().url, 'v-cluster');
    tabOnB.say('hello from the tab on B');
    const offer = await alice.waitFor('offer', undefined, 20_000);
    conversationId = offer.offer.conversationId;
    expect((await alice.command({ kind: 'offer.accept', offerId: offer.offer.id })).ok).toBe(true);

    // A message committed through A reaches alice's desktop on B without a sync: no instance reads feeds while Redis is up.
    tabOnA.say('hello from the tab on A');
    const message = await until(() => messageEvent(alice, 'hello from the tab on A'), 'the message committed on A at the desktop on B');
    expect(message.conversationId).toBe(conversationId);
    expect(alice.frames.filter((f) => f.type === 'events')).toHaveLength(0);

    // The visitor types in the tab on A: alice on B sees it.
    tabOnA.typing(true);
    await alice.waitFor('typing', (f) => f.from === 'customer' && f.conversationId === conversationId && f.active);

    // Alice types on B: the tab on A shows it, and so does sam's console on A.
    alice.send({ type: 'typing', conversationId, active: true });
    await until(() => tabOnA.frames.find((f) => f.type === 'typing' && f.active === true), 'agent typing in the tab on A');
    await sam.waitFor('typing', (f) => f.from === 'agent' && f.agentId === 'agt_alice' && f.conversationId === conversationId);

    // Alice's reply on B reaches both tabs, the one on A included.
    expect((await alice.command({ kind: 'message.send', conversationId, text: 'an answer from B' })).ok).toBe(true);
    for (const tab of [tabOnA, tabOnB]) {
      await until(() => tab.frames.find((f) => f.type === 'message' && (f.message as { text?: string }).text === 'an answer from B'), 'the reply in both tabs');
    }
  }, 120_000);

  it('a sign-in on one instance ends the session on the other, and the agent stays signed in', async () => {
    const again = await agentOn(hubA().url, 'alice');
    const bye = await alice.waitFor('bye');
    expect(bye.reason).toBe('replaced');
    // The replaced socket closing must not take alice offline: she is signed in on A.
    await new Promise((r) => setTimeout(r, 500));
    expect(hubB().store.agent('agt_alice')?.state).not.toBe('offline');
    alice = again;
    expect(again.frames.some((f) => f.type === 'bye')).toBe(false);
  }, 60_000);

  it('shares rate limits: sign-in failures and refused webhooks spent on A count on B', async () => {
    const login = (url: string, password: string) =>
      fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bob', password }) });
    for (let i = 0; i < 5; i++) expect((await login(hubA().url, 'wrong')).status).toBe(401);
    expect((await login(hubB().url, 'switchboard')).status).toBe(429);

    const junk = (url: string) => fetch(`${url}/channels/webhook/generic`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":1}' });
    for (let i = 0; i < 3; i++) expect((await junk(hubA().url)).status).toBe(401);
    expect((await junk(hubB().url)).status).toBe(429);
  }, 60_000);

  it('knows who is online across instances: an agent stays while their instance lives, and goes offline when it dies and their presence expires', async () => {
    doomed = await startClusterHubProcess(shared);
    // A restarted (here: newly started) instance does not take the others' agents offline.
    expect(hubB().store.agent('agt_alice')?.state).not.toBe('offline');
    const sam = await agentOn(doomed.url, 'sam');
    await sam.waitFor('welcome');
    await until(async () => (await redis!.command('GET', 'switchboard:presence:agt_sam')) !== '', 'sam’s presence in Redis');
    // B's directory (what a transfer offers) shows sam online, though his desktop is on the other instance.
    const { token } = (await (
      await fetch(`${hubB().url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'switchboard' }) })
    ).json()) as { token: string };
    const samInDirectory = async (): Promise<{ state: string; online: boolean } | undefined> => {
      const directory = (await (await fetch(`${hubB().url}/api/directory`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        agents: Array<{ id: string; state: string; online: boolean }>;
      };
      return directory.agents.find((a) => a.id === 'agt_sam');
    };
    await until(async () => (await samInDirectory())?.online === true, 'sam online in the directory on B');
    // Several times the time to live: the other instances' sweeps still see sam present.
    await new Promise((r) => setTimeout(r, 3 * PRESENCE_TTL_MS));
    expect(await samInDirectory()).toEqual(expect.objectContaining({ state: 'available', online: true }));

    await doomed.kill9();
    doomed = null;
    await until(() => hubB().store.agent('agt_sam')?.state === 'offline', 'sam offline once his presence expired');
    await until(async () => (await samInDirectory())?.online === false, 'sam no longer online in the directory on B');
    expect(hubA().store.agent('agt_alice')?.state).not.toBe('offline');
  }, 120_000);

  it('carries on when Redis goes away: desktops hear of events by reading their feeds, and signals resume when it returns', async () => {
    const port = redis!.port;
    await redis!.stop();
    redis = null;
    // The hub still answers and signs people in (each instance on its own counters meanwhile).
    expect((await fetch(`${hubA().url}/healthz`)).status).toBe(200);
    const admin = await agentOn(hubB().url, 'admin');
    // A message committed on A reaches the console on B all the same: B reads the feeds of the desktops it holds.
    tabOnA.say('written while Redis was away');
    await until(() => messageEvent(admin, 'written while Redis was away'), 'the message committed on A at the console on B, by reading', 20_000);

    redis = await startRedis({ port });
    // Typing is only ever signalled, never read: the visitor's typing on B reaching alice on A proves the signals are back.
    const end = Date.now() + 30_000;
    while (!alice.frames.some((f) => f.type === 'typing' && f.from === 'customer')) {
      if (Date.now() > end) throw new Error('timed out waiting for signals once Redis is back');
      tabOnB.typing(true);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 120_000);
});
