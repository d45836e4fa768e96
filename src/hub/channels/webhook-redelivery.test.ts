import { afterEach, describe, expect, it } from 'vitest';
import { postSigned, TEST_CHANNEL_SECRETS } from '../../../tests/harness/hub/channel-requests';
import { startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

describe('a platform redelivering a webhook', () => {
  it('twenty identical signed deliveries at once: one message, and every answer is 2xx with it', async () => {
    t = await startTestHub(TEST_CHANNEL_SECRETS);
    const body = JSON.stringify({ msg_id: 'tb-storm-1', buyer_id: 'b-77', buyer_nick: '小王', content: '我的快递到哪了' });
    const responses = await Promise.all(Array.from({ length: 20 }, () => postSigned(`${t.url}/channels/webhook/taobao`, body)));
    expect(responses.map((r) => r.status).every((s) => s >= 200 && s < 300)).toBe(true);
    const answers = (await Promise.all(responses.map((r) => r.json()))) as Array<{ messageId: string; conversationId: string }>;
    expect(new Set(answers.map((a) => a.messageId)).size).toBe(1);
    const customer = t.hub.store.customerByIdentity('platform_user', 'taobao:b-77');
    const conversations = t.hub.store.customerConversations(customer?.id ?? '', 10);
    expect(conversations).toHaveLength(1);
    expect(t.hub.store.messages(conversations[0]!.id).map((m) => m.text)).toEqual(['我的快递到哪了']);
  });
});
