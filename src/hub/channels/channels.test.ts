import { HUB_PROTOCOL_VERSION } from '../../shared/protocol/hub-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { postSigned, postWechat, TEST_CHANNEL_SECRETS, TEST_WECHAT_TOKEN, wechatQuery, wechatTextXml } from '../../../tests/harness/hub/channel-requests';
import { startHttpRecorder } from '../../../tests/harness/hub/http-recorder';
import { startSmtpSink } from '../../../tests/harness/hub/smtp-sink';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await t?.close();
  for (const c of cleanups.splice(0)) await c();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function acceptNext(agent: Awaited<ReturnType<TestHub['agent']>>): Promise<string> {
  const offer = await agent.waitFor('offer');
  await agent.command({ kind: 'offer.accept', offerId: offer.offer.id });
  return offer.offer.conversationId;
}

describe('WeChat Official Account', () => {
  it('answers the URL verification, takes signed XML in and replies through the customer-service API', async () => {
    const wechatApi = await startHttpRecorder({
      '/cgi-bin/token': { access_token: 'ACCESS', expires_in: 7200 },
      '/cgi-bin/message/custom/send': { errcode: 0, errmsg: 'ok' },
    });
    cleanups.push(wechatApi.close);
    t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN, appId: 'wxapp', appSecret: 'wxsecret', apiBaseUrl: wechatApi.url } });

    const verify = await fetch(`${t.url}/channels/wechat?${wechatQuery()}&echostr=hello-echo`);
    expect(await verify.text()).toBe('hello-echo');

    const bob = await t.agent('bob');
    const inbound = await postWechat(t.url, wechatTextXml('oWx_reply_test', '你好', '3001'));
    expect(await inbound.text()).toBe('success');
    const conversationId = await acceptNext(bob);
    expect(await bob.command({ kind: 'message.send', conversationId, text: '您好！' })).toMatchObject({ ok: true });
    const sent = await eventually(() => wechatApi.requests.find((r) => r.path === '/cgi-bin/message/custom/send'), 'a WeChat send');
    expect(sent.query.get('access_token')).toBe('ACCESS');
    expect(JSON.parse(sent.body)).toEqual({ touser: 'oWx_reply_test', msgtype: 'text', text: { content: '您好！' } });
  });

  it('stores image and voice messages with their metadata', async () => {
    t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN } });
    const image = `<xml><ToUserName>gh</ToUserName><FromUserName>oWx_media</FromUserName><CreateTime>1</CreateTime><MsgType>image</MsgType><PicUrl>http://127.0.0.1/pic.jpg</PicUrl><MediaId>m1</MediaId><MsgId>4001</MsgId></xml>`;
    const voice = `<xml><ToUserName>gh</ToUserName><FromUserName>oWx_media</FromUserName><CreateTime>1</CreateTime><MsgType>voice</MsgType><MediaId>m2</MediaId><Format>amr</Format><Recognition><![CDATA[我要退货]]></Recognition><MsgId>4002</MsgId></xml>`;
    expect((await postWechat(t.url, image)).status).toBe(200);
    expect((await postWechat(t.url, voice)).status).toBe(200);
    const customer = t.hub.store.customerByIdentity('wechat_openid', 'oWx_media');
    const [conversation] = t.hub.store.customerConversations(customer?.id ?? '', 5);
    const messages = t.hub.store.messages(conversation?.id ?? '');
    expect(messages[0]?.attachments[0]).toMatchObject({ mimeType: 'image/jpeg', url: 'http://127.0.0.1/pic.jpg' });
    expect(messages[1]).toMatchObject({ text: '我要退货' });
    expect(messages[1]?.attachments[0]?.mimeType).toBe('audio/amr');
  });
});

describe('signed JSON webhooks', () => {
  it('maps a platform payload, links the order it names, and stores a redelivery once', async () => {
    t = await startTestHub(TEST_CHANNEL_SECRETS);
    const body = JSON.stringify({ msg_id: 'tb-1', buyer_id: 'b-42', buyer_nick: '小李', content: '订单 202601050001 什么时候发货', receiver_mobile: '13800138000' });
    const response = await postSigned(`${t.url}/channels/webhook/taobao`, body);
    expect(response.status).toBe(202);
    const customer = t.hub.store.customerByIdentity('platform_user', 'taobao:b-42');
    expect(customer?.name).toBe('小李');
    // The consignee's phone is typed by the buyer: kept as a claim, never proof.
    expect(customer?.identities).toContainEqual({ kind: 'phone', value: '+8613800138000', verified: false });
    const [conversation] = t.hub.store.customerConversations(customer?.id ?? '', 5);
    expect(conversation?.orderIds).toEqual(['202601050001']);
    const again = JSON.stringify({ msg_id: 'tb-1', buyer_id: 'b-42', content: '订单 202601050001 什么时候发货' });
    // Already stored: answered 200 (not 202, accepted for processing), and not stored again.
    expect((await postSigned(`${t.url}/channels/webhook/taobao`, again)).status).toBe(200);
    expect(t.hub.store.messages(conversation?.id ?? '')).toHaveLength(1);
  });
});

describe('email', () => {
  it('takes inbound mail as a signed JSON webhook and mails the reply over SMTP', async () => {
    const smtp = await startSmtpSink();
    cleanups.push(smtp.stop);
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, email: { smtpUrl: smtp.url, from: 'support@switchboard.test' } });
    const bob = await t.agent('bob');
    const mail = JSON.stringify({
      MessageID: 'mail-1@example.com',
      From: '王芳 <wang.fang@example.com>',
      FromFull: { Email: 'Wang.Fang@example.com', Name: '王芳' },
      Subject: '发票问题',
      TextBody: '请问发票怎么开？',
    });
    expect((await postSigned(`${t.url}/channels/email/inbound`, mail)).status).toBe(202);
    const conversationId = await acceptNext(bob);
    expect(await bob.command({ kind: 'message.send', conversationId, text: '您好，发票已开具。' })).toMatchObject({ ok: true });
    const received = await eventually(() => smtp.mails[0], 'a mail at the SMTP server', 10_000);
    expect(received.to).toEqual(['wang.fang@example.com']);
    expect(received.from).toBe('support@switchboard.test');
    expect(received.data).toMatch(/Subject:/);
  });
});

describe('attachments and the unified thread', () => {
  it('stores a widget image under the data dir, serves it with its type, and replies on the channel last used', async () => {
    t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN } });
    const visitor = await t.visitor('visitor-files-01');
    const upload = await visitor.upload('photo.png', 'image/png', PNG);
    expect(upload.status).toBe(201);
    const { attachment } = (await upload.json()) as { attachment: { id: string; url: string; size: number } };
    expect(attachment.size).toBe(PNG.length);
    const echo = await visitor.say('', { attachmentIds: [attachment.id] });
    expect(echo.type).toBe('message');
    const served = await fetch(`${t.url}${attachment.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await fetch(`${t.url}/attachments/${attachment.id}?sig=wrong`)).status).toBe(404);

    const bob = await t.agent('bob');
    const conversationId = await acceptNext(bob);
    const onWechat = await bob.command({ kind: 'message.send', conversationId, text: 'hi', channel: 'wechat' });
    expect(onWechat).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const reply = await bob.command({ kind: 'message.send', conversationId, text: '收到图片' });
    expect(reply).toMatchObject({ ok: true, value: { channel: 'widget' } });
    await eventually(() => visitor.frames.find((f) => f.type === 'message' && (f.message as { text: string }).text === '收到图片'), 'the reply in the widget');
  });

  it('relays typing both ways without storing it', async () => {
    t = await startTestHub();
    const bob = await t.agent('bob');
    const visitor = await t.visitor('visitor-typing-1');
    await visitor.say('hi');
    const conversationId = await acceptNext(bob);
    const head = t.hub.store.headSeq();
    bob.raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'typing', conversationId, active: true }));
    await eventually(() => visitor.frames.find((f) => f.type === 'typing' && f.active === true), 'typing at the widget');
    visitor.send({ type: 'typing', active: true });
    await bob.waitFor('typing', (f) => f.from === 'customer' && f.conversationId === conversationId);
    expect(t.hub.store.headSeq()).toBe(head);
  });

  it('creates a ticket from a conversation and shows it with orders and history in the 360 view', async () => {
    t = await startTestHub();
    t.hub.store.addIdentity('cus_demo_zhang', { kind: 'widget_visitor', value: 'visitor-zhang-360', verified: true });
    const visitor = await t.visitor('visitor-zhang-360');
    await visitor.say('耳机坏了');
    const alice = await t.agent('alice');
    const conversationId = await acceptNext(alice);
    const ticket = await alice.command({ kind: 'ticket.create', conversationId, title: '耳机保修', priority: 'high' });
    expect(ticket).toMatchObject({ ok: true, value: { customerId: 'cus_demo_zhang', status: 'open' } });
    const { token } = await t.login('alice');
    const view = (await fetch(`${t.url}/api/customers/cus_demo_zhang/360`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as {
      orders: unknown[];
      tickets: Array<{ title: string }>;
      timeline: Array<{ messages: Array<{ text: string }> }>;
    };
    expect(view.orders).toHaveLength(2);
    expect(view.tickets[0]?.title).toBe('耳机保修');
    expect(view.timeline[0]?.messages[0]?.text).toBe('耳机坏了');
    const bob = await t.login('bob');
    // Bob serves only the chat queue, but the conversation is in it: he may see the customer; an unknown id is 404.
    expect((await fetch(`${t.url}/api/customers/cus_nobody/360`, { headers: { authorization: `Bearer ${bob.token}` } })).status).toBe(404);
    expect((await fetch(`${t.url}/api/customers/cus_demo_zhang/360`)).status).toBe(401);
  });

  it('summarises a conversation when it closes, and the 360 view shows each contact with a summary and sentiment', async () => {
    t = await startTestHub();
    t.hub.store.addIdentity('cus_demo_zhang', { kind: 'widget_visitor', value: 'visitor-zhang-sum', verified: true });
    const visitor = await t.visitor('visitor-zhang-sum');
    await visitor.say('我的快递三天了还没到，太慢了，非常不满意');
    const alice = await t.agent('alice');
    const conversationId = await acceptNext(alice);
    await alice.command({ kind: 'message.send', conversationId, text: '非常抱歉，我马上帮您催促快递，预计明天送达。' });
    const closed = await alice.command({ kind: 'conversation.close', conversationId, disposition: 'resolved' });
    expect(closed.ok).toBe(true);
    const stored = t.hub.store.conversation(conversationId);
    expect(stored?.summary).toMatch(/^用户.*。客服.*。?$/);

    const { token } = await t.login('alice');
    const view = (await fetch(`${t.url}/api/customers/cus_demo_zhang/360`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as {
      timeline: Array<{ conversation: { id: string }; summary: string; sentiment: number | null }>;
      historySummary: string;
    };
    const entry = view.timeline.find((e) => e.conversation.id === conversationId);
    expect(entry?.summary).toBe(stored?.summary);
    expect(entry?.sentiment).toBeLessThan(0);
    expect(view.historySummary).toContain('快递');
  });
});
