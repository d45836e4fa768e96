import { HUB_PROTOCOL_VERSION } from '../../shared/protocol/hub-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, eventually, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub;
afterEach(async () => t?.close());

async function get(path: string, username: string): Promise<{ status: number; body: unknown }> {
  const { token } = await t.login(username);
  const response = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** A chat conversation from a widget visitor, accepted by alice (the only agent online at that moment). */
async function aliceChat() {
  const alice = await t.agent('alice');
  const visitor = await t.visitor('visitor-perm-0001');
  await visitor.say('我的订单还没到');
  const offer = await alice.waitFor('offer');
  expect(await alice.command({ kind: 'offer.accept', offerId: offer.offer.id })).toMatchObject({ ok: true });
  const conversation = t.hub.store.conversation(offer.offer.conversationId);
  if (!conversation) throw new Error('no conversation');
  return { alice, visitor, conversationId: conversation.id, customerId: conversation.customerId };
}

describe('agents see and change only what they may (#17 C3, C10, C13)', () => {
  it('keeps internal notes of a conversation bob cannot see out of his customer 360', async () => {
    t = await startTestHub();
    const { customerId } = await aliceChat();
    const customer = t.hub.store.customer(customerId);
    if (!customer) throw new Error('no customer');
    // A call of the same customer on the voice queue, which bob does not serve, with a supervisor's note.
    const call = t.hub.conversations.open(customer, 'voice', 'voice', null);
    const sam = await t.agent('sam');
    expect(await sam.command({ kind: 'message.send', conversationId: call.id, text: 'SUPERVISOR NOTE: fraud check, do not disclose', internal: true })).toMatchObject({ ok: true });

    const texts = (body: unknown) =>
      (body as { timeline: Array<{ conversation: { id: string }; messages: Array<{ text: string }> }> }).timeline
        .filter((e) => e.conversation.id === call.id)
        .flatMap((e) => e.messages.map((m) => m.text));
    const bob = await get(`/api/customers/${customerId}/360`, 'bob');
    expect(bob.status).toBe(200);
    expect(texts(bob.body).join(' ')).not.toContain('SUPERVISOR NOTE');
    const alice = await get(`/api/customers/${customerId}/360`, 'alice');
    expect(texts(alice.body).join(' ')).toContain('SUPERVISOR NOTE');
  });

  it('refuses tags, tickets, VIP and typing from an agent on a conversation assigned to someone else', async () => {
    t = await startTestHub();
    const { conversationId, customerId, visitor } = await aliceChat();
    const bob = await t.agent('bob');
    bob.raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'typing', conversationId, active: true }));
    const before = t.hub.store.conversation(conversationId);
    expect(await bob.command({ kind: 'conversation.tag', conversationId, add: ['x'], remove: [] })).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    expect(await bob.command({ kind: 'ticket.create', conversationId, title: 'refund', description: 'x', priority: 'normal' })).toMatchObject({
      ok: false,
      error: { code: 'permission_denied' },
    });
    expect(await bob.command({ kind: 'customer.tag', customerId, add: ['VIP'], remove: [] })).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    // Harmless tags on a customer bob sees are still his to add.
    expect(await bob.command({ kind: 'customer.tag', customerId, add: ['回头客'], remove: [] })).toMatchObject({ ok: true });
    const after = t.hub.store.conversation(conversationId);
    expect(after?.tags).toEqual(before?.tags);
    expect(after?.priority).toBe(before?.priority);
    expect(t.hub.store.messages(conversationId).filter((m) => m.authorKind === 'system')).toHaveLength(0);
    // The assignee may.
    const alice = await t.agent('alice');
    expect(await alice.command({ kind: 'conversation.tag', conversationId, add: ['退款'], remove: [] })).toMatchObject({ ok: true });
    alice.raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'typing', conversationId, active: true }));
    await eventually(() => visitor.frames.find((f) => f.type === 'typing'), 'alice typing at the visitor');
    // bob's frame went first and reached no one: the visitor saw exactly one "typing".
    expect(visitor.frames.filter((f) => f.type === 'typing')).toHaveLength(1);
  });

  it('audits a supervisor reply, note and takeover sent over the agent socket, tells the agent, and audits unmasked reads', async () => {
    t = await startTestHub();
    const { alice, conversationId } = await aliceChat();
    const sam = await t.agent('sam');
    expect(await sam.command({ kind: 'message.send', conversationId, text: '您好，我是主管', internal: false })).toMatchObject({ ok: true });
    expect(await sam.command({ kind: 'message.send', conversationId, text: 'check the order', internal: true })).toMatchObject({ ok: true });
    expect(await sam.command({ kind: 'conversation.takeover', conversationId })).toMatchObject({ ok: true });
    const notice = await alice.waitFor('supervision', (f) => f.notice.kind === 'chat.taken_over');
    expect(notice.notice).toMatchObject({ kind: 'chat.taken_over', conversationId, supervisorId: 'agt_sam' });

    const [first] = t.hub.store.messages(conversationId);
    expect((await get(`/api/messages/${first?.id ?? ''}/unmasked`, 'sam')).status).toBe(200);
    const audit = await eventually(() => {
      const rows = t.hub.audit.entries(0).filter((e) => e.conversationId === conversationId);
      return rows.length >= 4 ? rows : null;
    }, 'the audit rows');
    expect(audit.map((e) => [e.actorId, e.action, e.outcome])).toEqual([
      ['agt_sam', 'chat.reply', 'ok'],
      ['agt_sam', 'chat.note', 'ok'],
      ['agt_sam', 'chat.takeover', 'ok'],
      ['agt_sam', 'message.unmasked', 'ok'],
    ]);
    expect(audit.map((e) => e.detail).join(' ')).not.toContain('主管');
  });
});
