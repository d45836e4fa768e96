import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../src/host/harness/session-rig';
import { startTestHub, type TestHub } from '../../src/hub/harness/test-hub';
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

    // Bob's desktop signs in and syncs: the conversation is none of his yet.
    host = hostOnHub(hub.url);
    const desktop = host;
    expect((await desktop.session.login({ username: 'bob', password: 'switchboard' })).ok).toBe(true);
    await until(() => hub.hub.presence.isOnline('agt_bob'), 10_000, 'bob online');
    await untilAsync(async () => {
      const status = await desktop.session.status({});
      return status.ok && status.value.connection.status === 'online' && !status.value.connection.sync;
    }, 'desktop synced');
    expect(await desktop.workspace.messages({ conversationId })).toMatchObject({ ok: true, value: [] });

    expect(await alice.command({ kind: 'conversation.transfer', conversationId, target: { kind: 'agent', agentId: 'agt_bob' }, note: '请跟进' })).toMatchObject({ ok: true });

    const texts = (): Promise<string[]> => desktop.workspace.messages({ conversationId }).then((r) => (r.ok ? r.value.map((m) => m.text) : []));
    await untilAsync(async () => (await texts()).some((text) => text.startsWith('Transferred by')), 'the transfer note on the desktop');
    const all = hub.hub.store.messages(conversationId).map((m) => m.text);
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(await texts()).toEqual(all);
    // The workspace heard of each, as it does of live messages, and of the customer it did not know.
    for (const text of all) expect(desktop.seen.message.some((m) => m.text === text), `workspace never heard "${text}"`).toBe(true);
    expect(desktop.seen.customer.some((c) => c.id === customerId)).toBe(true);
    expect(desktop.seen.conversation.at(-1)).toMatchObject({ id: conversationId, assigneeId: 'agt_bob' });
  });
});
