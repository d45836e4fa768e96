import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postSigned, signBody, TEST_CHANNEL_SECRETS } from '../../../tests/harness/hub/channel-requests';
import { mailText, startSmtpSink } from '../../../tests/harness/hub/smtp-sink';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await t?.close();
  for (const c of cleanups.splice(0)) await c();
});

const ORDER = '202601050001'; // the demo VIP 张伟's taobao order; his verified address is zhang.wei@example.com
const FAST_RETRY = { attempts: 4, baseDelayMs: 50, maxDelayMs: 200 };

function postEvent(platform: string, event: unknown, signature?: string | null): Promise<Response> {
  const body = JSON.stringify(event);
  return postSigned(`${t.url}/channels/webhook/${platform}/order-events`, body, signature === undefined ? signBody(body, `order-event:${platform}`, TEST_CHANNEL_SECRETS.webhookSecrets[platform as 'taobao']) : signature);
}

/** What the hub's database holds of notices: rows and delivery jobs. */
function storedRows(hub: TestHub): { notices: number; deliveries: number; jobs: number } {
  const db = new Database(join(hub.dataDir, 'hub.sqlite'), { readonly: true });
  try {
    const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    return {
      notices: count('SELECT COUNT(*) AS n FROM order_notices'),
      deliveries: count('SELECT COUNT(*) AS n FROM direct_deliveries'),
      jobs: count(`SELECT COUNT(*) AS n FROM jobs WHERE kind = 'outbound.direct'`),
    };
  } finally {
    db.close();
  }
}

describe('proactive order notices', () => {
  it('sends one templated mail however often the platform delivers the event; the reply opens a conversation with the order linked', async () => {
    const smtp = await startSmtpSink();
    cleanups.push(smtp.stop);
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, email: { smtpUrl: smtp.url, from: 'support@switchboard.test' }, outboundRetry: FAST_RETRY });
    const event = { eventId: 'evt-delay-1', type: 'shipment_delayed', orderId: ORDER, data: { eta: '12月10日' } };

    const answers = await Promise.all(Array.from({ length: 20 }, () => postEvent('taobao', event)));
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 202]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{ noticeId: string; channel: string }>;
    expect(new Set(bodies.map((b) => b.noticeId)).size).toBe(1);
    expect(bodies[0]?.channel).toBe('email');

    const notice = t.hub.store.orderNoticeByEvent('taobao:evt-delay-1')!;
    await eventually(() => t.hub.store.directDelivery(notice.deliveryId)?.delivery.state === 'delivered', 'the notice delivered', 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['zhang.wei@example.com']);
    const text = mailText(mail);
    expect(text).toContain('张伟您好');
    expect(text).toContain(ORDER);
    expect(text).toContain('预计 12月10日 送达');

    // He answers the mail: a conversation of its own, with the order on it and a note saying what he answers.
    const alice = await t.agent('alice');
    const reply = JSON.stringify({ MessageID: 'reply-1@example.com', From: '张伟 <zhang.wei@example.com>', FromFull: { Email: 'zhang.wei@example.com', Name: '张伟' }, Subject: 'Re: 您的订单配送延迟', TextBody: '能不能再快一点？我周末要用。' });
    const answered = await postSigned(`${t.url}/channels/email/inbound`, reply);
    expect(answered.status).toBe(202);
    const { conversationId } = (await answered.json()) as { conversationId: string };
    const linked = await eventually(() => (t.hub.store.conversation(conversationId)?.orderIds?.includes(ORDER) ? t.hub.store.conversation(conversationId) : null), 'the order on the conversation');
    expect(linked.orderIds).toEqual([ORDER]);
    expect(t.hub.store.orderNoticeByEvent('taobao:evt-delay-1')?.conversationId).toBe(conversationId);
    const note = t.hub.store.messages(conversationId).find((m) => m.authorKind === 'system');
    expect(note).toMatchObject({ internal: true, text: expect.stringContaining(`order ${ORDER} on email, delivered`) });
    const offer = await alice.waitFor('offer', (f) => f.offer.conversationId === conversationId);
    expect(offer.offer.conversationId).toBe(conversationId);

    // The agent's 360 of whoever wrote shows the order the notice was about.
    const { token } = await t.login('alice');
    const view = (await fetch(`${t.url}/api/customers/${linked.customerId}/360`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as { orders: Array<{ id: string }> };
    expect(view.orders.map((o) => o.id)).toContain(ORDER);

    // A second mail in the same conversation links nothing again.
    await postSigned(`${t.url}/channels/email/inbound`, JSON.stringify({ MessageID: 'reply-2@example.com', From: 'zhang.wei@example.com', FromFull: { Email: 'zhang.wei@example.com' }, TextBody: '谢谢' }));
    expect(t.hub.store.messages(conversationId).filter((m) => m.authorKind === 'system')).toHaveLength(1);
  });

  it('retries a mail server that refuses at first, and delivers the notice once', async () => {
    const smtp = await startSmtpSink({ refuseFirst: 2 });
    cleanups.push(smtp.stop);
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, email: { smtpUrl: smtp.url, from: 'support@switchboard.test' }, outboundRetry: FAST_RETRY });
    const response = await postEvent('taobao', { eventId: 'evt-retry', type: 'out_for_delivery', orderId: ORDER, language: 'en' });
    expect(response.status).toBe(202);
    const notice = t.hub.store.orderNoticeByEvent('taobao:evt-retry')!;
    const done = await eventually(() => {
      const d = t.hub.store.directDelivery(notice.deliveryId);
      return d?.delivery.state === 'delivered' ? d : null;
    }, 'the notice delivered after the refusals', 10_000);
    expect(done.delivery.attempts).toBe(3);
    expect(smtp.refused()).toBe(2);
    expect(smtp.mails).toHaveLength(1);
    expect(mailText(smtp.mails[0]!)).toContain(`Hello 张伟, your order ${ORDER}`);
  });

  it('refuses bad or unknown events with a clear error and stores nothing', async () => {
    const smtp = await startSmtpSink();
    cleanups.push(smtp.stop);
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, email: { smtpUrl: smtp.url, from: 'support@switchboard.test' } });
    const base = { eventId: 'evt-bad', type: 'shipment_delayed', orderId: ORDER, data: { eta: 'tomorrow' } };
    const refused = async (platform: string, event: unknown, signature?: string | null) => {
      const r = await postEvent(platform, event, signature);
      return { status: r.status, message: ((await r.json()) as { error?: { message: string } }).error?.message ?? '' };
    };

    expect(await refused('taobao', { ...base, type: 'parcel_eaten' })).toMatchObject({ status: 400, message: expect.stringContaining('no notice template for event type "parcel_eaten"') });
    expect(await refused('taobao', { ...base, data: {} })).toMatchObject({ status: 400, message: expect.stringContaining('needs data.eta') });
    expect(await refused('taobao', { ...base, orderId: '999999999999' })).toMatchObject({ status: 404, message: expect.stringContaining('no order 999999999999') });
    // The order is taobao's: jd cannot speak for it.
    expect(await refused('jd', base)).toMatchObject({ status: 404 });
    expect(await refused('taobao', { ...base, type: 'Shipment Delayed!' })).toMatchObject({ status: 400, message: expect.stringContaining('event type') });
    expect(await refused('taobao', { ...base, surprise: 1 })).toMatchObject({ status: 400 });
    expect(await refused('taobao', { ...base, data: { eta: 'x'.repeat(500) } })).toMatchObject({ status: 400 });
    expect(await refused('taobao', base, null)).toMatchObject({ status: 401 });
    expect(await refused('taobao', base, signBody(JSON.stringify(base), 'webhook:taobao', TEST_CHANNEL_SECRETS.webhookSecrets.taobao))).toMatchObject({ status: 401 });
    expect(await refused('nowhere', base)).toMatchObject({ status: 404, message: 'unknown platform' });
    const malformed = await postSigned(`${t.url}/channels/webhook/taobao/order-events`, '{not json', signBody('{not json', 'order-event:taobao', TEST_CHANNEL_SECRETS.webhookSecrets.taobao));
    expect(malformed.status).toBe(400);

    expect(storedRows(t)).toEqual({ notices: 0, deliveries: 0, jobs: 0 });
    expect(smtp.mails).toHaveLength(0);
  });

  it('says so when the customer has no address the hub can write to', async () => {
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS });
    const r = await postEvent('taobao', { eventId: 'evt-nowhere', type: 'shipment_delayed', orderId: ORDER, data: { eta: 'tomorrow' } });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('no address the hub can write to');
    expect(storedRows(t)).toEqual({ notices: 0, deliveries: 0, jobs: 0 });
  });
});
