import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAnswer, sampleEvents, startFakeHub, type FakeHub } from '../../tests/harness/host/fake-hub';
import { sessionRig, until } from '../../tests/harness/host/session-rig';
import type { SecretStore } from './settings/secret-store';

let hub: FakeHub | null = null;
const sessions: Array<ReturnType<typeof sessionRig>> = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((r) => r.session.stop()));
  await hub?.close();
  hub = null;
});
const rig = (url: string, dataDir?: string, secrets?: SecretStore) => {
  const r = sessionRig(url, dataDir, secrets);
  sessions.push(r);
  return r;
};

/** A hub whose history is `events`, served in pages of `pageSize`. */
function serveHistory(h: FakeHub, events: Array<{ seq: number }>, pageSize = 500, head = Math.max(0, ...events.map((e) => e.seq))): void {
  h.onFrame = (frame, socket) => {
    if (frame.type === 'hello') return h.send(socket, { type: 'welcome', agent: { ...sampleAgent }, headSeq: head });
    if (frame.type === 'sync') {
      const after = Number(frame.after);
      const page = events.filter((e) => e.seq > after).slice(0, pageSize);
      const through = page.at(-1)?.seq ?? head;
      return h.send(socket, { type: 'events', events: page, through, headSeq: head, more: through < head });
    }
    defaultAnswer(h, frame, socket, head);
  };
}
const sampleAgent = { id: 'agt_test', username: 'tester', displayName: 'Test Agent', role: 'supervisor', skills: [], queues: ['chat'], capacity: 3, state: 'available', stateReason: null };

/** A hub holding one conversation with one customer message, `text`. */
const oneMessage = (text: string) => [sampleEvents.customer(1), sampleEvents.conversation(2), sampleEvents.message(3, text)];

/** A desktop that signed in to a new hub serving `history` (from seq 1, no gaps) and synced all of it into its cache; both still running. */
async function syncedDesk(history: Array<{ seq: number }>) {
  hub = await startFakeHub();
  serveHistory(hub, history, 500, history.length);
  const first = rig(hub.url);
  await first.session.login('tester', 'pw');
  await until(async () => (await first.cursor()) === history.length, 5_000, 'sync');
  return { first, firstHub: hub };
}

describe('AgentSession sync into the cache', () => {
  it('streams a backlog in pages, reporting progress, and resumes from the stored cursor', async () => {
    hub = await startFakeHub();
    const history: Array<{ seq: number }> = [sampleEvents.customer(1), sampleEvents.conversation(2)];
    for (let seq = 3; seq <= 1_200; seq++) history.push(sampleEvents.message(seq, `message ${seq}`));
    serveHistory(hub, history, 500);
    const r = rig(hub.url);
    expect((await r.session.login('tester', 'pw')).ok).toBe(true);
    await until(async () => (await r.cursor()) === 1_200, 10_000, 'catch-up');
    const progress = r.states.map((s) => s.sync).filter((s) => s);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toMatchObject({ head: 1_200 });
    await until(() => r.states.at(-1)?.sync === null, 5_000, 'progress to clear');
    expect(await r.session.cache?.messageCount()).toBe(1_198);
    await r.session.stop();

    const syncsBefore = hub.received.filter((f) => f.type === 'sync').length;
    const again = rig(hub.url, r.dataDir, r.secrets);
    await again.session.resume();
    await until(() => again.states.at(-1)?.status === 'online', 10_000, 'resume online');
    await until(() => hub!.received.filter((f) => f.type === 'sync').length > syncsBefore, 5_000, 'sync');
    expect(hub.received.filter((f) => f.type === 'sync').at(-1)).toMatchObject({ after: 1_200 });
  });

  it('refuses malformed, impossible and oversized events, logs each, and keeps the cache consistent', async () => {
    hub = await startFakeHub();
    const events = [
      sampleEvents.customer(1),
      sampleEvents.conversation(2),
      sampleEvents.message(3, 'good one'),
      { ...sampleEvents.message(4, 'x'), message: { id: 'broken' } },
      sampleEvents.message(5_000, 'from the future'),
      sampleEvents.message(6, 'y'.repeat(300 * 1024)),
      sampleEvents.message(7, 'good two'),
    ];
    hub.onFrame = (frame, socket) => {
      if (frame.type === 'hello') return hub!.send(socket, { type: 'welcome', agent: sampleAgent, headSeq: 8 });
      if (frame.type === 'sync') return hub!.send(socket, { type: 'events', events, through: 8, headSeq: 8, more: false });
      defaultAnswer(hub!, frame, socket, 8);
    };
    const r = rig(hub.url);
    await r.session.login('tester', 'pw');
    await until(async () => (await r.cursor()) === 8, 5_000, 'page');
    const cache = r.session.cache!;
    expect((await cache.conversationMessages('conv_1')).map((m) => m.text)).toEqual(['good one', 'good two']);
    expect(await cache.quickCheck()).toBe('ok');
    const refused = r.log.entries.filter((e) => e.message === 'hub event refused').map((e) => e.fields?.reason);
    expect(refused).toEqual(['malformed', 'impossible_seq', 'oversized']);

    // A page claiming to cover past the hub's own head is refused whole: the cursor must not jump.
    for (const s of hub.sockets) hub.send(s, { type: 'events', events: [sampleEvents.message(9, 'z')], through: 1e12, headSeq: 9, more: false });
    // A live event with a garbage body at the next seq is refused and skipped; the one after applies.
    for (const s of hub.sockets) hub.send(s, { type: 'event', event: { seq: 9, kind: 'message.created', message: 42 } });
    for (const s of hub.sockets) hub.send(s, { type: 'event', event: sampleEvents.message(10, 'live ok') });
    await until(async () => (await cache.syncState()).cursor === 10, 5_000, 'live event');
    expect((await cache.conversationMessages('conv_1')).map((m) => m.text)).toEqual(['good one', 'good two', 'live ok']);
    expect(r.log.entries.some((e) => e.message.includes('beyond the head'))).toBe(true);
  });

  it('applies live events in order and fills a gap with a catch-up', async () => {
    hub = await startFakeHub();
    const history: Array<{ seq: number }> = [sampleEvents.customer(1), sampleEvents.conversation(2)];
    serveHistory(hub, history, 500, 2);
    const r = rig(hub.url);
    await r.session.login('tester', 'pw');
    await until(async () => (await r.cursor()) === 2, 5_000, 'initial');
    for (const s of hub.sockets) hub.send(s, { type: 'event', event: sampleEvents.message(3, 'three') });
    await until(async () => (await r.cursor()) === 3, 5_000, 'live 3');
    // 4 and 5 were stored while this desktop missed them; 6 arrives live and shows the gap.
    history.push(sampleEvents.message(3, 'three'), sampleEvents.message(4, 'four'), sampleEvents.message(5, 'five'), sampleEvents.message(6, 'six'));
    serveHistory(hub, history, 500, 6);
    for (const s of hub.sockets) hub.send(s, { type: 'event', event: sampleEvents.message(6, 'six') });
    await until(async () => (await r.cursor()) === 6, 5_000, 'gap filled');
    expect((await r.session.cache!.conversationMessages('conv_1')).map((m) => m.text)).toEqual(['three', 'four', 'five', 'six']);
  });
});

describe('AgentSession offline start', () => {
  it('shows the last account from its cache with the hub down, queues replies, and sends them when it returns', async () => {
    const { first, firstHub } = await syncedDesk(oneMessage('我的包裹破损了，想退款'));
    await first.session.stop();
    const port = firstHub.port;
    await firstHub.close();

    const r = rig(`http://127.0.0.1:${port}`, first.dataDir, first.secrets);
    await r.session.resume();
    expect(r.session.agent?.id).toBe('agt_test');
    expect(r.session.connection).toMatchObject({ status: 'offline', cached: true });
    expect(r.session.connection.lastSyncAt).not.toBeNull();
    expect((await r.session.projection.conversations()).map((c) => c.id)).toEqual(['conv_1']);
    // Answered by the cache thread, as every cache call is.
    const found = await r.session.search('退款');
    expect(found.ok && found.value.messages.map((m) => m.text)).toEqual(['我的包裹破损了，想退款']);
    const a = await r.session.sendMessage('conv_1', '第一条', false);
    const b = await r.session.sendMessage('conv_1', '第二条', false);
    expect(a.ok && a.value.delivery).toBe('pending');
    expect(b.ok).toBe(true);
    await until(() => r.session.connection.pendingActions === 2, 5_000, 'two pending');

    hub = await startFakeHub({ port });
    serveHistory(hub, oneMessage('我的包裹破损了，想退款'));
    r.session.wake();
    await until(() => r.session.connection.pendingActions === 0, 15_000, 'outbox drained');
    const sent = hub.received.filter((f) => f.type === 'command').map((f) => (f.command as { text: string }).text);
    expect(sent).toEqual(['第一条', '第二条']);
    expect((await r.session.cache!.conversationMessages('conv_1')).filter((m) => m.direction === 'out').map((m) => m.delivery)).toEqual(['sent', 'sent']);
  });

  it('without a saved token, shows the cache offline and asks for a sign-in once the hub answers', async () => {
    const { first, firstHub } = await syncedDesk(oneMessage('cached text'));
    await first.session.stop();
    const port = firstHub.port;
    await firstHub.close();
    hub = null;

    // A fresh secret store: this machine could not keep the token (no OS encryption).
    const r = rig(`http://127.0.0.1:${port}`, first.dataDir);
    await r.session.resume();
    expect(r.session.connection).toMatchObject({ status: 'offline', cached: true });
    expect((await r.session.projection.messages('conv_1')).map((m) => m.text)).toEqual(['cached text']);
    hub = await startFakeHub({ port });
    await until(() => r.session.connection.status === 'signed_out', 15_000, 'sign-in request');
    expect(r.session.connection.detail).toMatch(/sign in/);
  });

  it('a sign-in while the start-up resume is still opening the cache stays signed in', async () => {
    const { first, firstHub } = await syncedDesk(oneMessage('cached text'));
    await first.session.stop();

    // No saved token: the resume would ask for a sign-in once the hub answers — but the agent signs in first.
    const r = rig(firstHub.url, first.dataDir);
    const resuming = r.session.resume();
    expect((await r.session.login('tester', 'pw')).ok).toBe(true);
    await resuming;
    await until(() => r.session.connection.status === 'online', 5_000, 'online');
    await new Promise((done) => setTimeout(done, 1_500));
    expect(r.session.connection.status).toBe('online');
    expect(r.states.some((s) => s.status === 'signed_out')).toBe(false);
  });

  it('moves an unreadable cache aside at start, tells the agent, and rebuilds it from the hub', async () => {
    const { first, firstHub } = await syncedDesk(oneMessage('rebuilt from the hub'));
    const file = join(first.dataDir, 'accounts', 'agt_test', 'cache.sqlite');
    expect(existsSync(file)).toBe(true);
    await first.session.stop();
    writeFileSync(file, 'this is not a database'.repeat(100));

    const r = rig(firstHub.url, first.dataDir, first.secrets);
    await r.session.resume();
    expect(r.session.connection.notice).toMatchObject({ kind: 'cache_rebuilt' });
    expect(r.notices).toHaveLength(1);
    await until(async () => (await r.cursor()) === 3, 10_000, 'rebuild');
    expect((await r.session.cache!.conversationMessages('conv_1')).map((m) => m.text)).toEqual(['rebuilt from the hub']);
  });
});

describe('AgentSession queue SLA targets', () => {
  it('keeps what a welcome named, through a welcome from an older hub that names none, into the next offline start', async () => {
    hub = await startFakeHub();
    const queues = [{ id: 'chat', name: 'Chat', slaSeconds: 25, replySeconds: 100 }];
    let welcomes = 0;
    hub.onFrame = (frame, socket) => {
      // The first welcome is a current hub's; after a reconnect the hub answers as one from before queue targets.
      if (frame.type === 'hello') return hub!.send(socket, { type: 'welcome', agent: sampleAgent, headSeq: 0, ...(welcomes++ === 0 ? { queues } : {}) });
      defaultAnswer(hub!, frame, socket, 0);
    };
    const first = rig(hub.url);
    await first.session.login('tester', 'pw');
    await until(() => first.queues.length === 1, 5_000, 'queues from the welcome');
    expect(first.queues[0]).toEqual(queues);
    first.session.wake();
    await until(() => welcomes === 2 && first.session.connection.status === 'online', 5_000, 'second welcome');
    expect(first.queues).toHaveLength(1);
    expect(await first.session.projection.queues()).toEqual(queues);
    await first.session.stop();
    await hub.close();
    hub = null;

    const r = rig(first.session.connection.hubUrl, first.dataDir);
    await r.session.resume();
    expect(r.queues).toEqual([queues]);
    expect(await r.session.projection.queues()).toEqual(queues);
  });
});

describe('AgentSession SIP credentials for the phone', () => {
  it('hands the phone what the hub issued at login, fetches fresh ones near expiry, and none once signed out', async () => {
    let soon = true;
    hub = await startFakeHub({
      sip: (n) => ({
        authorizationUsername: `9999:agent-${n}`,
        password: `pw-${n}`,
        uri: 'sip:tester@switchboard.test',
        wsUrl: 'ws://127.0.0.1:5066',
        // The first set is about to expire: asking for it must bring a new one.
        expiresAt: Date.now() + (soon ? 60_000 : 3_600_000),
      }),
    });
    const r = rig(hub.url);
    expect((await r.session.sipCredentials()).ok).toBe(false);
    await r.session.login('tester', 'pw');
    soon = false;
    const fresh = await r.session.sipCredentials();
    expect(fresh.ok && fresh.value).toMatchObject({ authorizationUsername: '9999:agent-2', password: 'pw-2' });
    expect(hub.refreshes).toBe(1);
    const again = await r.session.sipCredentials();
    expect(again.ok && again.value?.password).toBe('pw-2');
    expect(hub.refreshes).toBe(1);
    r.session.logout();
    expect((await r.session.sipCredentials()).ok).toBe(false);
  });

  it('answers null when the hub has no telephony', async () => {
    hub = await startFakeHub();
    const r = rig(hub.url);
    await r.session.login('tester', 'pw');
    const none = await r.session.sipCredentials();
    expect(none).toEqual({ ok: true, value: null });
  });
});

describe('AgentSession and the hub address (#17 S6)', () => {
  it('refuses to sign in to a hub over plain http on another computer, before sending anything', async () => {
    hub = await startFakeHub();
    let frames = 0;
    hub.onFrame = () => void frames++;
    // The fake hub listens on loopback; the same port named by a non-loopback name is "another computer".
    const remote = hub.url.replace('127.0.0.1', 'hub.example.invalid');
    const r = rig(remote);
    expect(await r.session.login('tester', 'pw')).toEqual({ ok: false, error: { code: 'insecure_hub', message: remote } });
    expect(frames).toBe(0);
  });
});
