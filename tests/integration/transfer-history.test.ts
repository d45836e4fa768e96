import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../harness/host/session-rig';
import { startTestHub, type TestHub } from '../harness/hub/test-hub';
import { defaultInboxFilter, queryInbox } from '../../src/renderer/lib/inbox-query';
import type { Conversation } from '../../src/shared/domain/conversation';
import { hostOnHub, type HostOnHub } from './support/host-on-hub';

let t: TestHub | null = null;
let host: HostOnHub | null = null;
/** Polls an answer that comes over RPC (the workspace reads its cache). */
async function untilAsync(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Bob's desktop, signed in and caught up. */
async function bobsDesktop(hub: TestHub): Promise<HostOnHub> {
  const desktop = hostOnHub(hub.url);
  host = desktop;
  expect((await desktop.session.login({ username: 'bob', password: 'switchboard' })).ok).toBe(true);
  await until(() => hub.hub.presence.isOnline('agt_bob'), 10_000, 'bob online');
  await untilAsync(async () => {
    const status = await desktop.session.status({});
    return status.ok && status.value.connection.status === 'online' && !status.value.connection.sync;
  }, 'desktop synced');
  return desktop;
}

/** The conversation as the desktop's cache holds it, which is what its UI shows. */
async function cached(desktop: HostOnHub, conversationId: string): Promise<Conversation | undefined> {
  const inbox = await desktop.workspace.inbox({});
  return inbox.ok ? inbox.value.conversations.find((c) => c.id === conversationId) : undefined;
}

/** What the inbox lists under "Mine" from that cache (the UI's own query). */
async function mine(desktop: HostOnHub): Promise<string[]> {
  const inbox = await desktop.workspace.inbox({});
  if (!inbox.ok) return [];
  return queryInbox(Object.fromEntries(inbox.value.conversations.map((c) => [c.id, c])), { ...defaultInboxFilter, scope: 'mine' }, 'agt_bob');
}

afterEach(async () => {
  host?.stop();
  host = null;
  await t?.close();
  t = null;
});

describe('a conversation transferred to an agent who could not see it @workspace', () => {
  it("reaches the desktop's cache whole: the customer and every earlier message, with the transfer note", async () => {
    t = await startTestHub();
    const hub = t;
    // Alice takes a chat, moves it to VIP (a queue bob does not serve) and goes on talking there.
    const alice = await hub.agent('alice');
    const visitor = await hub.visitor('visitor-transfer-history');
    await visitor.say('你好，我的订单还没到');
    const first = await alice.waitFor('offer');
    const conversationId = first.offer.conversationId;
    expect(await alice.command({ kind: 'offer.accept', offerId: first.offer.id })).toMatchObject({ ok: true });
    expect(await alice.command({ kind: 'message.send', conversationId, text: '您好，我来查一下' })).toMatchObject({ ok: true });
    expect(await alice.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'queue', queue: 'vip' } })).toMatchObject({ ok: true });
    const vip = await alice.waitFor('offer', (f) => f.offer.conversationId === conversationId && f.offer.queue === 'vip');
    expect(await alice.command({ kind: 'offer.accept', offerId: vip.offer.id })).toMatchObject({ ok: true });
    await visitor.say('订单号 202601050001');
    expect(await alice.command({ kind: 'message.send', conversationId, text: '已经发货了，明天到', internal: false })).toMatchObject({ ok: true });
    expect(await alice.command({ kind: 'message.send', conversationId, text: '客户很着急', internal: true })).toMatchObject({ ok: true });
    const customerId = hub.hub.store.conversation(conversationId)!.customerId;

    // Bob's desktop signs in and syncs: it holds what bob could see while the chat sat in his queue, not what was said in VIP.
    const desktop = await bobsDesktop(hub);
    const before = await desktop.workspace.messages({ conversationId });
    expect(before.ok && before.value.map((m) => m.text)).toEqual(['你好，我的订单还没到', '您好，我来查一下']);

    expect(await alice.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'agent', agentId: 'agt_bob' }, note: '请跟进' })).toMatchObject({ ok: true });

    const texts = (): Promise<string[]> => desktop.workspace.messages({ conversationId }).then((r) => (r.ok ? r.value.map((m) => m.text) : []));
    // Wait for this transfer's own note, the newest message: the VIP transfer's earlier note ("Transferred by … to
    // queue vip") arrives first with the rest of the history bob gains sight of, so it says nothing about the end.
    await untilAsync(async () => (await texts()).some((text) => text.startsWith('Transferred by') && text.endsWith('请跟进')), 'the transfer note on the desktop');
    const all = hub.hub.store.messages(conversationId).map((m) => m.text);
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(await texts()).toEqual(all);
    // The workspace heard of each, as it does of live messages, and of the customer it did not know.
    for (const text of all) expect(desktop.seen.message.some((m) => m.text === text), `workspace never heard "${text}"`).toBe(true);
    expect(desktop.seen.customer.some((c) => c.id === customerId)).toBe(true);
    expect(desktop.seen.conversation.at(-1)).toMatchObject({ id: conversationId, assigneeId: 'agt_bob' });
    expect(await mine(desktop)).toContain(conversationId);

    // Bob hands it back to alice: VIP is not his queue, so the desktop hears of it one last time.
    expect(await desktop.workspace.transfer({ conversationId, target: { kind: 'agent', agentId: 'agt_alice' }, note: '' })).toMatchObject({ ok: true });
    await untilAsync(async () => (await cached(desktop, conversationId))?.assigneeId === 'agt_alice', 'the hand-back on the desktop');
    expect(await cached(desktop, conversationId)).toMatchObject({ queue: 'vip', status: 'active' });
    expect(await mine(desktop)).not.toContain(conversationId);
    // What bob had stays in his cache as it was; what alice says next is no longer for him.
    expect(await alice.command({ kind: 'message.send', conversationId, text: '我接着处理' })).toMatchObject({ ok: true });
    await markerReached(hub, desktop, 'visitor-marker-handback');
    const kept = await texts();
    expect(kept).toEqual(expect.arrayContaining(all));
    expect(kept).not.toContain('我接着处理');
  });
});

/** A new chat in bob's queue, reaching his desktop: whatever the hub sent him before it has arrived. */
async function markerReached(hub: TestHub, desktop: HostOnHub, visitorId: string): Promise<void> {
  const visitor = await hub.visitor(visitorId);
  await visitor.say(`标记 ${visitorId}`);
  await untilAsync(async () => desktop.seen.message.some((m) => m.text === `标记 ${visitorId}`), 'the marker chat on the desktop');
}

describe('a conversation that leaves an agent @workspace', () => {
  it("transferred by bob to the VIP queue, bob's desktop shows it there and no longer his, and keeps what it had", async () => {
    t = await startTestHub();
    const hub = t;
    const desktop = await bobsDesktop(hub);
    const visitor = await hub.visitor('visitor-leaves-bob');
    await visitor.say('你好，我要改收货地址');
    await untilAsync(async () => desktop.seen.offer.length > 0, 'the offer on the desktop');
    const offer = desktop.seen.offer[0]!;
    const conversationId = offer.conversationId;
    expect(await desktop.workspace.acceptOffer({ offerId: offer.id })).toMatchObject({ ok: true });
    await untilAsync(async () => (await mine(desktop)).includes(conversationId), 'the chat in bob\'s inbox');
    expect(await desktop.workspace.sendMessage({ conversationId, text: '好的，请稍等', internal: false })).toMatchObject({ ok: true });

    const alice = await hub.agent('alice');
    expect(await desktop.workspace.transfer({ conversationId, target: { kind: 'queue', queue: 'vip' }, note: '' })).toMatchObject({ ok: true });
    const vip = await alice.waitFor('offer', (f) => f.offer.conversationId === conversationId && f.offer.queue === 'vip');
    expect(await alice.command({ kind: 'offer.accept', offerId: vip.offer.id })).toMatchObject({ ok: true });
    expect(await alice.command({ kind: 'message.send', conversationId, text: '我是VIP专员' })).toMatchObject({ ok: true });
    await markerReached(hub, desktop, 'visitor-marker-vip');

    // The last state bob was told: queued in VIP, nobody's. Not his, so the UI offers him no composer.
    expect(await cached(desktop, conversationId)).toMatchObject({ queue: 'vip', assigneeId: null, status: 'queued' });
    expect(await mine(desktop)).not.toContain(conversationId);
    expect(desktop.seen.conversation.filter((c) => c.id === conversationId).at(-1)).toMatchObject({ queue: 'vip', assigneeId: null });
    // His history of it stays, searchable; alice's words after the move never reach him.
    const messages = await desktop.workspace.messages({ conversationId });
    const texts = messages.ok ? messages.value.map((m) => m.text) : [];
    expect(texts).toEqual(expect.arrayContaining(['你好，我要改收货地址', '好的，请稍等']));
    expect(texts).not.toContain('我是VIP专员');
    const found = await desktop.workspace.search({ query: '收货地址', limit: 50 });
    expect(found.ok && found.value.messages.some((m) => m.conversationId === conversationId)).toBe(true);
  });
});
