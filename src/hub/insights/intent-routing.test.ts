import { afterEach, describe, expect, it } from 'vitest';
import { loadDefaultIntentClassifier } from '../../shared/nlp/intent/default-intent-classifier';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';
import { createIntentRouting } from './intent-routing';
import { intentRoutingConfigSchema, type IntentRoutingConfigInput } from './intent-routing-config';

const existing = new Set(['chat', 'logistics', 'returns', 'billing', 'product', 'account', 'vip', 'triage']);
const routing = (config: IntentRoutingConfigInput = {}) =>
  createIntentRouting({ config: intentRoutingConfigSchema.parse(config), classifier: loadDefaultIntentClassifier, queueExists: (id) => existing.has(id) });

describe('intent routing decisions', () => {
  it('sends a clear question to its queue, with the intent read', () => {
    expect(routing().decide('widget', 'chat', '我的快递什么时候到？')).toMatchObject({
      queue: 'logistics',
      intent: { serviceQueue: 'logistics', routedTo: 'logistics', intent: '配送周期' },
    });
    expect(routing().decide('wechat', 'chat', '发票怎么开')?.queue).toBe('billing');
    expect(routing().decide('widget', 'chat', 'Where is my card? It has not arrived yet')?.queue).toBe('logistics');
  });

  it('waits for substance, and leaves fixed channels and queues alone', () => {
    expect(routing().decide('widget', 'chat', '在吗')).toBeNull();
    expect(routing().decide('widget', 'chat', 'hello?')).toBeNull();
    expect(routing().decide('voice', 'voice', '我的快递什么时候到？')).toBeNull();
    expect(routing().decide('widget', 'vip', '我的快递什么时候到？')).toBeNull();
    expect(routing({ enabled: false }).decide('widget', 'chat', '我的快递什么时候到？')).toBeNull();
  });

  it('uses the fallback queue below the threshold or when the mapped queue does not exist', () => {
    const unsure = routing({ minConfidence: 0.999, fallbackQueue: 'triage' }).decide('widget', 'chat', '这个耳机支持降噪吗');
    expect(unsure).toMatchObject({ queue: 'triage', intent: { serviceQueue: 'product', routedTo: null } });
    expect(routing({ minConfidence: 0.999 }).decide('widget', 'chat', '这个耳机支持降噪吗')?.queue).toBe('chat');
    expect(routing({ queues: { logistics: 'shipping' } }).decide('widget', 'chat', '我的快递什么时候到？')?.queue).toBe('chat');
  });

  it('refuses unknown settings', () => {
    expect(intentRoutingConfigSchema.safeParse({ queues: { shipping: 'x' } }).success).toBe(false);
    expect(intentRoutingConfigSchema.safeParse({ minConfidence: 2 }).success).toBe(false);
  });
});

let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const says = (hub: TestHub, visitor: string, text: string) => {
  const r = hub.hub.conversations.ingest({ channel: 'widget', identity: { kind: 'widget_visitor', value: visitor }, text, key: null, queue: 'chat' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.conversation;
};

describe('intent routing on the hub', () => {
  it('puts a new conversation in the queue its first substantive message asks for, after an opener', async () => {
    t = await startTestHub({ demoServiceQueues: true });
    const opened = says(t, 'v1', '在吗');
    expect(opened.queue).toBe('chat');
    expect(opened.insight?.intent ?? null).toBeNull();
    const routed = says(t, 'v1', '我的快递三天了还没到，什么时候能送到？');
    expect(routed).toMatchObject({ id: opened.id, queue: 'logistics', status: 'queued', insight: { intent: { serviceQueue: 'logistics', routedTo: 'logistics' } } });
    // Routed once: a later message asking something else does not move it again.
    expect(says(t, 'v1', '另外发票怎么开').queue).toBe('logistics');
    expect(says(t, 'v2', '账号登录不上了').queue).toBe('account');
  });

  it('records the correction when an agent transfers a routed conversation to another queue', async () => {
    t = await startTestHub({ demoServiceQueues: true });
    const alice = await t.agent('alice');
    await alice.command({ kind: 'agent.state', state: 'available', reason: null });
    const conversation = says(t, 'v3', '我的快递什么时候到？');
    const offer = await alice.waitFor('offer', (f) => f.offer.conversationId === conversation.id);
    expect(offer.offer.queue).toBe('logistics');
    await alice.command({ kind: 'offer.accept', offerId: offer.offer.id });
    await eventually(() => t?.hub.store.conversation(conversation.id)?.status === 'active', 'the chat to be answered');
    expect(await alice.command({ kind: 'conversation.transfer', conversationId: conversation.id, target: { kind: 'queue', queue: 'returns' } })).toMatchObject({ ok: true });
    expect(t.hub.store.intentCorrections(0)).toMatchObject([
      { conversationId: conversation.id, text: '我的快递什么时候到？', language: 'zh', detectedQueue: 'logistics', correctedQueue: 'returns', agentId: 'agt_alice' },
    ]);
  });
});
