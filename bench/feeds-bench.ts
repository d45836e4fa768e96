import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { sessionRig, until } from '../src/host/harness/session-rig';
import { createTokenIssuer } from '../src/hub/auth/tokens';
import { createLifecycle } from '../src/hub/conversations/lifecycle';
import { createEventBus } from '../src/hub/event-bus';
import { createEventPublisher } from '../src/hub/event-publisher';
import { signBody } from '../src/hub/harness/channel-requests';
import { startHub } from '../src/hub/server';
import { openSqliteHubStore } from '../src/hub/store/sqlite-hub-store';
import type { HubStore } from '../src/hub/store/hub-store';
import type { Conversation } from '../src/shared/domain/conversation';
import type { Message } from '../src/shared/domain/message';
import { createMemoryLogger } from '../src/shared/log';
import { HUB_PROTOCOL_VERSION } from '../src/shared/protocol/hub-protocol';

import type { BenchRow } from './run';

/** Sizes from the issue; SWITCHBOARD_BENCH_SCALE < 1 shrinks them for a quick look. */
const SCALE = Number(process.env.SWITCHBOARD_BENCH_SCALE ?? '1');
const DESKTOPS = Math.max(30, Math.round(1_000 * SCALE));
const CHAT_AGENTS = 20;
const RATE = 200;
const SECONDS = Math.max(2, Math.round(10 * SCALE));
const CATCH_UP = Math.round(100_000 * SCALE);
const SECRET = 'bench-token-secret-0123456789-0123456789';
const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};
const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

/** Calls `send(i)` for i = 0…total-1 at RATE a second, on schedule whatever each send costs. */
async function paced(total: number, send: (i: number) => void): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    send(i);
  }
}

const agentRecord = (id: string, queues: string[], role: 'agent' | 'supervisor' = 'agent') => ({
  id, username: id, displayName: id, role, passwordHash: 'x', skills: [], queues, capacity: 3,
  state: 'offline' as const, stateReason: null, stateSince: 0, idleSince: 0,
});

/** A desktop reduced to its socket: hello, catch-up, then live events, each stamped as it lands. */
async function desktop(url: string, token: string, landed: (text: string, at: number) => void): Promise<WebSocket> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; event?: { kind: string; message?: { text: string } } };
    if (frame.type === 'event' && frame.event?.kind === 'message.created' && frame.event.message) landed(frame.event.message.text, performance.now());
  });
  const welcomed = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  ws.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'hello', token, cursor: 0 }));
  await welcomed;
  return ws;
}

/** Webhook in → message event on every desktop that may see it, at RATE messages a second. */
async function fanOut(dir: string): Promise<number[]> {
  const store = openSqliteHubStore(join(mkdirP(dir), 'hub.sqlite'));
  const ids = Array.from({ length: DESKTOPS }, (_, i) => `agt_b${i}`);
  store.transaction(() => {
    ids.forEach((id, i) => store.insertAgent(agentRecord(id, i < CHAT_AGENTS ? ['chat'] : [`q${i % 50}`])));
    // The hub honours a token only for a session it knows: each desktop's token names its own.
    ids.forEach((id) => store.insertSession({ id, agentId: id, createdAt: Date.now(), expiresAt: Date.now() + 3_600_000, revokedAt: null }));
    store.upsertQueue({ id: 'chat', name: 'Chat', skills: [], slaSeconds: 30, slaTarget: 0.8 });
  });
  store.close();
  const hub = await startHub(
    { port: 0, dataDir: dir, tokenSecret: SECRET, channelRateLimitPerMinute: 10_000_000, webhookSecrets: { generic: WEBHOOK_SECRET } },
    createMemoryLogger(),
  );
  const tokens = createTokenIssuer(SECRET, 3_600);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const landed = (text: string, at: number): void => {
    const sent = sentAt.get(text);
    if (sent !== undefined) latencies.push(at - sent);
  };
  const sockets: WebSocket[] = [];
  try {
    for (const id of ids) sockets.push(await desktop(`${hub.url.replace(/^http/, 'ws')}/agent/ws`, (await tokens.issue({ sub: id, role: 'agent', sid: id })).token, landed));
    const url = `${hub.url}/channels/webhook/generic`;
    const total = RATE * SECONDS;
    const posts: Array<Promise<unknown>> = [];
    await paced(total, (i) => {
      const text = `bench message ${i}`;
      const body = JSON.stringify({ messageId: `bm-${i}`, userId: `user-${i % 400}`, text });
      sentAt.set(text, performance.now());
      posts.push(fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-switchboard-signature': signBody(body, 'webhook:generic', WEBHOOK_SECRET) }, body }));
    });
    await Promise.all(posts);
    await until(() => latencies.length >= total * CHAT_AGENTS, 60_000, 'every message on every chat desktop').catch(() => undefined);
    return latencies;
  } finally {
    sockets.forEach((s) => s.terminate());
    await hub.close();
  }
}

/** The same frames, the same audience, through a bare `ws` server: the floor for any fan-out. */
async function rawFanOut(): Promise<number[]> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const clients: WebSocket[] = [];
  for (let i = 0; i < DESKTOPS; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { event: { message: { text: string } } };
      const sent = sentAt.get(frame.event.message.text);
      if (sent !== undefined) latencies.push(performance.now() - sent);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    clients.push(ws);
  }
  const seeing = [...server.clients].slice(0, CHAT_AGENTS + 1);
  const total = RATE * SECONDS;
  await paced(total, (i) => {
    const text = `bench message ${i}`;
    sentAt.set(text, performance.now());
    const frame = JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'event', event: { seq: i + 1, at: Date.now(), kind: 'message.created', message: { id: `m${i}`, conversationId: 'c', text } } });
    for (const c of seeing) c.send(frame);
  });
  await until(() => latencies.length >= total * (CHAT_AGENTS + 1), 60_000, 'raw fan-out').catch(() => undefined);
  clients.forEach((c) => c.terminate());
  await new Promise((r) => server.close(r));
  return latencies;
}

function moveCost(dir: string): { events: number; feedRows: number; replayed: number } {
  const store: HubStore = openSqliteHubStore(join(dir, 'move.sqlite'));
  try {
    store.insertAgent(agentRecord('agt_owner', ['q1']));
    for (let i = 0; i < 30; i++) store.insertAgent(agentRecord(`agt_new${i}`, ['q2']));
    store.insertCustomer({ id: 'cus_1', name: 'Li', tags: [], identities: [], createdAt: 0 });
    const events = createEventPublisher(store, createEventBus());
    const lifecycle = createLifecycle(store, events);
    const c: Conversation = { id: 'conv_1', customerId: 'cus_1', channel: 'widget', status: 'queued', queue: 'q1', assigneeId: null, priority: 0, tags: [], createdAt: 0, updatedAt: 0, lastMessageAt: null, preview: '' };
    lifecycle.open(c);
    lifecycle.move(c.id, { kind: 'answer', agentId: 'agt_owner' });
    store.transaction(() => {
      for (let i = 0; i < 100; i++) {
        const message: Message = { id: `msg_${i}`, conversationId: c.id, channel: 'widget', direction: i % 2 ? 'out' : 'in', authorKind: i % 2 ? 'agent' : 'customer', authorId: null, text: `message ${i}`, attachments: [], internal: false, key: null, createdAt: i };
        store.insertMessage(message);
        events.publish({ kind: 'message.created', message });
      }
    });
    const eventsBefore = store.eventCount();
    const feedsBefore = [...Array(30).keys()].reduce((n, i) => n + store.feedHead(`agt_new${i}`), store.feedHead('*') + store.feedHead('agt_owner'));
    lifecycle.move(c.id, { kind: 'requeue', queue: 'q2', reason: 'transfer' });
    const feedsAfter = [...Array(30).keys()].reduce((n, i) => n + store.feedHead(`agt_new${i}`), store.feedHead('*') + store.feedHead('agt_owner'));
    // The design before feeds stored each earlier message (and the customer) anew for each new viewer.
    return { events: store.eventCount() - eventsBefore, feedRows: feedsAfter - feedsBefore, replayed: 30 * (100 + 1) };
  } finally {
    store.close();
  }
}

/** A backlog of CATCH_UP events in alice's feed, caught up by a real host session over the socket. */
async function catchUp(dir: string): Promise<{ seconds: number; rawSeconds: number }> {
  const hubDir = join(dir, 'catch-up-hub');
  const seed = openSqliteHubStore(join(mkdirP(hubDir), 'hub.sqlite'));
  const rows: Message[] = [];
  seed.transaction(() => {
    seed.insertCustomer({ id: 'cus_backlog', name: 'Backlog', tags: [], identities: [], createdAt: 0 });
    seed.insertConversation({ id: 'conv_backlog', customerId: 'cus_backlog', channel: 'widget', status: 'active', queue: 'chat', assigneeId: 'agt_alice', priority: 0, tags: [], createdAt: 0, updatedAt: 0, lastMessageAt: null, preview: '' });
    for (let i = 0; i < CATCH_UP; i++) {
      const message: Message = { id: `msg_${i}`, conversationId: 'conv_backlog', channel: 'widget', direction: 'in', authorKind: 'customer', authorId: null, text: `您好，关于订单 #${i} 的问题 order ${i % 977}`, attachments: [], internal: false, key: null, createdAt: i };
      rows.push(message);
      seed.insertMessage(message);
      // Recent, or the hub's retention would delete the backlog at start.
      const event = seed.appendEvent({ kind: 'message.created', message }, Date.now());
      seed.appendToFeeds(event.seq, ['*', 'agt_alice']);
    }
  });
  seed.close();
  const hub = await startHub({ port: 0, dataDir: hubDir, demo: true }, createMemoryLogger());
  const rig = sessionRig(hub.url, join(dir, 'desk'));
  try {
    const t = performance.now();
    const login = await rig.session.login('alice', 'switchboard');
    if (!login.ok) throw new Error(`sign-in failed: ${login.error.message}`);
    const head = hub.store.feedHead('agt_alice');
    await until(async () => (await rig.cursor()) >= head, 900_000, 'catch-up');
    const seconds = (performance.now() - t) / 1000;

    const raw = new Database(join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE messages (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, conversation_id TEXT NOT NULL, text TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT');
    const insert = raw.prepare('INSERT INTO messages (id, conversation_id, text, created_at) VALUES (?, ?, ?, ?)');
    const r = performance.now();
    raw.transaction(() => rows.forEach((m) => insert.run(m.id, m.conversationId, m.text, m.createdAt)))();
    const rawSeconds = (performance.now() - r) / 1000;
    raw.close();
    return { seconds, rawSeconds };
  } finally {
    rig.session.stop();
    await hub.close();
  }
}

function mkdirP(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

export const benchNotes = `Per-agent feeds (hub protocol v2). Fan-out: ${DESKTOPS} desktops on one hub (${CHAT_AGENTS} serve the chat queue every webhook lands in, the rest other queues; each desktop is a bare socket that stamps each live message event as it lands), signed webhooks at ${RATE}/s for ${SECONDS} s; latency is webhook sent → message event on a desktop that may see it; the baseline sends the same frames to the same number of sockets through a bare \`ws\` server in the same run. Move: a 100-message chat moves from a queue one agent sees to one 30 other agents serve; before feeds, history replay stored every earlier message and the customer anew for each of them. Catch-up: a real host session (hub client, event intake, SQLite cache with FTS) signs in to a hub whose feed holds ${CATCH_UP.toLocaleString('en')} events for it; the baseline inserts the same messages into a bare table in one transaction.`;

export async function runFeedsBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-bench-'));
  const rows: BenchRow[] = [];
  try {
    const hub = await fanOut(join(dir, 'fan-out'));
    const raw = await rawFanOut();
    for (const p of [0.5, 0.99]) {
      const ours = percentile(hub, p);
      const base = percentile(raw, p);
      rows.push({ name: `webhook → desktop event p${p * 100} (${DESKTOPS} desktops, ${RATE} msg/s)`, value: round(ours), unit: 'ms', baseline: `raw ws fan-out ${round(base)} ms (×${round(ours / Math.max(base, 0.001), 1)})` });
    }
    const move = moveCost(dir);
    rows.push({ name: 'event rows written: 100-message chat moved to a queue with 30 new viewers', value: move.events, unit: 'rows', baseline: `history replay ${move.replayed} rows` });
    rows.push({ name: 'feed entries written by the same move (references, no copies)', value: move.feedRows, unit: 'rows' });
    const c = await catchUp(dir);
    rows.push({ name: `catch up ${CATCH_UP.toLocaleString('en')} events on a new desktop (real hub, feed)`, value: round(c.seconds), unit: 's', baseline: `raw bulk insert ${round(c.rawSeconds)} s (×${round(c.seconds / Math.max(c.rawSeconds, 0.001), 1)})` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
