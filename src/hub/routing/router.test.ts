import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

describe('routing against a real hub', () => {
  it('re-offers a lapsed offer to the next agent', async () => {
    t = await startTestHub({ offerTimeoutMs: 300 });
    const alice = await t.agent('alice');
    const bob = await t.agent('bob');
    const visitor = await t.visitor('visitor-lapse-1');
    await visitor.say('hello?');
    const first = await Promise.race([alice.waitFor('offer'), bob.waitFor('offer')]);
    const [firstAgent, other] = alice.frames.includes(first) ? [alice, bob] : [bob, alice];
    await firstAgent.waitFor('offer.revoked', (f) => f.offerId === first.offer.id && f.reason === 'timeout');
    const second = await other.waitFor('offer');
    expect(second.offer.conversationId).toBe(first.offer.conversationId);
  });

  it('requeues the offers of an agent who goes away, and says so', async () => {
    t = await startTestHub();
    const bob = await t.agent('bob');
    const visitor = await t.visitor('visitor-away-1');
    await visitor.say('anyone?');
    const offer = await bob.waitFor('offer');
    expect(await bob.command({ kind: 'agent.state', state: 'away', reason: 'lunch' })).toMatchObject({ ok: true });
    await bob.waitFor('offer.revoked', (f) => f.offerId === offer.offer.id && f.reason === 'withdrawn');
    const conversation = t.hub.store.conversation(offer.offer.conversationId);
    expect(conversation?.status).toBe('queued');
    expect(t.hub.store.agent('agt_bob')).toMatchObject({ state: 'away', stateReason: 'lunch' });
    const alice = await t.agent('alice');
    expect((await alice.waitFor('offer')).offer.conversationId).toBe(offer.offer.conversationId);
  });

  it('serves a VIP customer before customers who wrote earlier', async () => {
    t = await startTestHub();
    const first = await t.visitor('visitor-normal-1');
    await first.say('I was here first');
    t.hub.store.transaction(() => {
      t.hub.store.addIdentity('cus_demo_zhang', { kind: 'widget_visitor', value: 'visitor-vip-0001', verified: true });
    });
    const vip = await t.visitor('visitor-vip-0001');
    await vip.say('VIP here');
    const bob = await t.agent('bob');
    const offer = await bob.waitFor('offer');
    expect(offer.offer.customerName).toBe('张伟');
  });

  it('moves a contact to the fallback queue after the configured wait', async () => {
    t = await startTestHub({ overflowCheckMs: 50 });
    t.hub.store.upsertQueue({ id: 'chat', name: 'Chat', skills: ['chat'], slaSeconds: 30, slaTarget: 0.9, overflowQueue: 'vip', overflowAfterSeconds: 1 });
    const visitor = await t.visitor('visitor-overflow-1');
    await visitor.say('waiting a while');
    const id = t.hub.store.conversationsByStatus('queued')[0]?.id ?? '';
    const moved = await (async () => {
      for (let i = 0; i < 100; i++) {
        const c = t.hub.store.conversation(id);
        if (c?.queue === 'vip') return c;
        await new Promise((r) => setTimeout(r, 50));
      }
      return null;
    })();
    expect(moved?.status).toBe('queued');
  });

  it('starts after-call work on close, requires a disposition, and reports queue metrics', async () => {
    t = await startTestHub({ afterCallWorkMs: 200 });
    const bob = await t.agent('bob');
    const visitor = await t.visitor('visitor-acw-0001');
    await visitor.say('please close me');
    const offer = await bob.waitFor('offer');
    await bob.command({ kind: 'offer.accept', offerId: offer.offer.id });
    const bad = await bob.command({ kind: 'conversation.close', conversationId: offer.offer.conversationId, disposition: 'not_a_code' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const closed = await bob.command({ kind: 'conversation.close', conversationId: offer.offer.conversationId, disposition: 'resolved' });
    expect(closed).toMatchObject({ ok: true });
    await bob.waitFor('agent', (f) => f.agent.state === 'after_call_work' && typeof f.agent.stateUntil === 'number');
    await bob.waitFor('agent', (f) => f.agent.state === 'available');
    expect(t.hub.store.conversation(offer.offer.conversationId)).toMatchObject({ status: 'closed', disposition: 'resolved' });

    const sam = await t.login('sam');
    const metrics = await fetch(`${t.url}/api/queues/metrics`, { headers: { authorization: `Bearer ${sam.token}` } }).then((r) => r.json());
    const chat = (metrics as { queues: Array<{ queue: string; answered: number; slaPercent: number | null }> }).queues.find((q) => q.queue === 'chat');
    expect(chat).toMatchObject({ answered: 1, slaPercent: 100 });
    const denied = await fetch(`${t.url}/api/queues/metrics`, { headers: { authorization: `Bearer ${(await t.login('bob')).token}` } });
    expect(denied.status).toBe(403);
  });

  it('transfers to a queue with a note the next agent sees', async () => {
    t = await startTestHub();
    const bob = await t.agent('bob');
    const visitor = await t.visitor('visitor-xfer-0001');
    await visitor.say('I need a specialist');
    const offer = await bob.waitFor('offer');
    await bob.command({ kind: 'offer.accept', offerId: offer.offer.id });
    const result = await bob.command({
      kind: 'conversation.transfer',
      conversationId: offer.offer.conversationId,
      target: { kind: 'queue', queue: 'vip' },
      note: 'wants a refund',
    });
    expect(result).toMatchObject({ ok: true });
    const alice = await t.agent('alice');
    const next = await alice.waitFor('offer');
    expect(next.offer.conversationId).toBe(offer.offer.conversationId);
    const notes = t.hub.store.messages(offer.offer.conversationId).filter((m) => m.internal);
    expect(notes.at(-1)?.text).toContain('wants a refund');
  });

  it('lets the newest sign-in win and tells the old desktop why', async () => {
    t = await startTestHub();
    const first = await t.agent('alice');
    await t.agent('alice');
    const bye = await first.waitFor('bye');
    expect(bye.reason).toBe('replaced');
  });
});
