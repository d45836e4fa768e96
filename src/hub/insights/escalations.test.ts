import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';
import { startRig, SupervisorTestClient } from '../../../tests/harness/hub/supervision-rig';
import { SUPERVISOR_WS_PATH } from '../../shared/protocol/supervisor-protocol';

let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

function customerSays(hub: TestHub, visitor: string, text: string) {
  const r = hub.hub.conversations.ingest({ channel: 'widget', identity: { kind: 'widget_visitor', value: visitor }, text, key: null, queue: 'chat' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.conversation;
}

describe('escalation at once', () => {
  it('alerts supervisors on one complaint-risk message with its words, and moves the waiting conversation ahead', async () => {
    t = await startTestHub({ escalation: { priorityBoost: 30 } });
    const { token } = await t.login('sam');
    const sam = await SupervisorTestClient.open(`${t.url.replace(/^http/, 'ws')}${SUPERVISOR_WS_PATH}`, token);
    await sam.next('welcome');

    const calm = customerSays(t, 'v-calm', '你好，请问周六营业吗？');
    const angry = customerSays(t, 'v-angry', '再不解决我就去12315投诉你们');
    const { alert } = await sam.next('alert', (f) => f.alert.kind === 'escalation');
    expect(alert).toMatchObject({ conversationId: angry.id, reason: 'complaint-phrase', queue: 'chat' });
    expect(alert.detail).toContain('12315');
    expect(alert.detail).toContain('投诉');
    expect(sam.frames.some((f) => f.type === 'alert' && f.alert.conversationId === calm.id)).toBe(false);

    const stored = t.hub.store.conversation(angry.id);
    expect(stored?.priority).toBe((t.hub.store.conversation(calm.id)?.priority ?? 0) + 30);
    expect(stored?.insight?.escalation).toMatchObject({ reason: 'complaint-phrase', words: ['投诉', '12315'] });

    // The same words again raise nothing new; the priority is raised once.
    customerSays(t, 'v-angry', '投诉！！');
    await new Promise((r) => setTimeout(r, 100));
    expect(sam.frames.filter((f) => f.type === 'alert' && f.alert.kind === 'escalation')).toHaveLength(1);
    expect(t.hub.store.conversation(angry.id)?.priority).toBe(stored?.priority);

    // The first agent to become available is offered the angry customer, although the calm one waited longer.
    const alice = await t.agent('alice');
    await alice.command({ kind: 'agent.state', state: 'available', reason: null });
    const offer = await alice.waitFor('offer');
    expect(offer.offer.conversationId).toBe(angry.id);
    sam.close();
  });

  it('tells the agent handling the conversation, with the rule and the words', async () => {
    t = await startTestHub();
    const alice = await t.agent('alice');
    await alice.command({ kind: 'agent.state', state: 'available', reason: null });
    const first = customerSays(t, 'v1', 'hello, where is my parcel? it was due yesterday');
    const offer = await alice.waitFor('offer');
    await alice.command({ kind: 'offer.accept', offerId: offer.offer.id });
    await eventually(() => t?.hub.store.conversation(first.id)?.status === 'active', 'the chat to be answered');
    customerSays(t, 'v1', 'If this is not fixed today I will file a CHARGEBACK and call my lawyer');
    const { alert } = await alice.waitFor('alert');
    expect(alert).toMatchObject({ conversationId: first.id, reason: 'complaint-phrase', source: 'text', words: ['chargeback', 'lawyer'] });
  });

  it('escalates on agitation heard on a call through the same rules', async () => {
    const rig = await startRig();
    try {
      const sam = await rig.connect(await rig.token('agt_sam', 'supervisor'));
      await sam.next('welcome');
      const { conversation } = rig.customerSays('caller', 'hello');
      rig.supervision.reportSentiment(conversation.id, -0.3, 'voice');
      rig.supervision.reportSentiment(conversation.id, -0.95, 'voice');
      const { alert } = await sam.next('alert', (f) => f.alert.kind === 'escalation');
      expect(alert).toMatchObject({ conversationId: conversation.id, reason: 'voice-agitation' });
      expect(rig.store.conversation(conversation.id)?.insight?.escalation?.reason).toBe('voice-agitation');
      sam.close();
    } finally {
      await rig.stop();
    }
  });
});
