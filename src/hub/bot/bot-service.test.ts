import { afterEach, describe, expect, it } from 'vitest';
import type { KbArticle } from '../../shared/domain/kb-article';
import type { HubEvent } from '../../shared/protocol/hub-events';
import type { HubServerFrame } from '../../shared/protocol/hub-protocol';
import { postWechat, TEST_WECHAT_TOKEN, wechatTextXml } from '../harness/channel-requests';
import { startHttpRecorder } from '../harness/http-recorder';
import { eventually, startTestHub, type TestHub } from '../harness/test-hub';
import { BOT_IDLE_JOB } from './bot-service';

let t: TestHub;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await t?.close();
  for (const c of cleanups.splice(0)) await c();
});

const article = (id: string, title: string, body: string, tags: string[], locale: KbArticle['locale']): KbArticle => ({
  id, title, body, tags, locale, retiredAt: null, updatedAt: 1, updatedBy: 'agt_admin', version: 1,
});
function seedKnowledge(hub: TestHub['hub']): void {
  hub.store.saveArticle(article('kb_refund', '如何申请退款', '在订单详情页点击申请退款，审核通过后3-5个工作日原路退回。', ['退款'], 'zh-CN'), null);
  hub.store.saveArticle(article('kb_hours', '客服工作时间', '在线客服每天9:00-21:00在线，周六周日照常营业。', ['营业时间'], 'zh-CN'), null);
  hub.store.saveArticle(article('kb_refund_en', 'How do I get a refund?', 'Open the order and choose Request a refund; money returns in 3-5 working days.', ['refund'], 'en'), null);
}

/** Every event an agent's desktop was sent, live or in a page. */
const eventsOf = (frames: HubServerFrame[]): HubEvent[] => frames.flatMap((f) => (f.type === 'events' ? f.events : f.type === 'event' ? [f.event] : []));

const outFrames = (frames: Array<Record<string, unknown>>) =>
  frames.filter((f) => f.type === 'message').map((f) => f.message as { direction: string; text: string; bot?: boolean; offerHuman?: boolean }).filter((m) => m.direction === 'out');

describe('the self-service bot', () => {
  it('is off by default: a widget chat goes straight to the queue', async () => {
    t = await startTestHub();
    const bob = await t.agent('bob');
    const visitor = await t.visitor('visitor-bot-off');
    await visitor.say('请问怎么申请退款？');
    const offer = await bob.waitFor('offer');
    expect(t.hub.store.conversation(offer.offer.conversationId)?.status).not.toBe('bot');
  });

  it('answers FAQs and order questions in the widget, then hands off on 转人工 with the whole exchange for the agent', async () => {
    t = await startTestHub({ bot: { enabled: true } });
    seedKnowledge(t.hub);
    const bob = await t.agent('bob');
    const visitor = await t.visitor('visitor-bot-faq');

    await visitor.say('请问怎么申请退款？');
    const faq = await eventually(() => outFrames(visitor.frames)[0], 'the bot’s answer');
    expect(faq).toMatchObject({ bot: true, text: expect.stringContaining('在订单详情页点击申请退款') });
    const customer = t.hub.store.customerByIdentity('widget_visitor', 'visitor-bot-faq')!;
    const conversationId = t.hub.store.latestConversationOfPeer({ kind: 'widget_visitor', value: 'visitor-bot-faq' })!;
    expect(t.hub.store.conversation(conversationId)).toMatchObject({ status: 'bot', queue: 'chat' });
    // Agents do not see a conversation the bot is answering: no offer, nothing in their feed.
    expect(bob.frames.some((f) => f.type === 'offer')).toBe(false);
    expect(eventsOf(bob.frames).some((e) => e.kind === 'message.created' && e.message.conversationId === conversationId)).toBe(false);

    t.hub.store.insertOrder({ id: '202612010007', customerId: customer.id, platform: 'taobao', status: 'shipped', totalMinor: 9_900, currency: 'CNY', summary: '保温杯 ×1', createdAt: Date.UTC(2026, 11, 1) });
    await visitor.say('我的订单到哪了');
    const status = await eventually(() => outFrames(visitor.frames)[1], 'the order status');
    expect(status.text).toBe('您的订单 202612010007（保温杯 ×1，2026-12-01 下单）：已发货，正在配送中。');

    await visitor.say('转人工');
    const offer = await bob.waitFor('offer');
    expect(offer.offer.conversationId).toBe(conversationId);
    expect(outFrames(visitor.frames)[2]?.text).toContain('正在为您转接人工客服');
    expect(t.hub.store.botSession(conversationId)).toMatchObject({ outcome: 'handed_off', reason: 'asked' });
    // The agent's desktop gets the conversation with everything before it, the bot's part marked as the bot's.
    const seen = await eventually(() => {
      const messages = eventsOf(bob.frames).flatMap((e) => (e.kind === 'message.created' && e.message.conversationId === conversationId ? [e.message] : []));
      return messages.length >= 7 ? messages : null;
    }, 'the whole exchange in bob’s feed');
    expect(seen.map((m) => m.authorKind)).toEqual(['customer', 'bot', 'customer', 'bot', 'customer', 'bot', 'system']);
    expect(outFrames(visitor.frames).map((m) => m.offerHuman)).toEqual([true, true, false]);
    expect(seen.at(-1)?.text).toContain('Asked the bot: “请问怎么申请退款？” · “我的订单到哪了” · “转人工”');
    expect(await bob.command({ kind: 'offer.accept', offerId: offer.offer.id })).toMatchObject({ ok: true });
  });

  it('hands off after being unsure twice, and closes as resolved by the bot on thanks', async () => {
    t = await startTestHub({ bot: { enabled: true } });
    seedKnowledge(t.hub);
    const unsure = await t.visitor('visitor-bot-unsure');
    // A Traditional Chinese question finds the Simplified article when the desk wrote only that one.
    const traditional = await t.visitor('visitor-bot-zhtw');
    await traditional.say('請問怎麼申請退款');
    expect((await eventually(() => outFrames(traditional.frames)[0], 'the answer')).text).toContain('在订单详情页点击申请退款');
    await unsure.say('what is the weather on mars');
    await eventually(() => outFrames(unsure.frames)[0], 'the first miss');
    const unsureId = t.hub.store.latestConversationOfPeer({ kind: 'widget_visitor', value: 'visitor-bot-unsure' })!;
    expect(t.hub.store.pendingJobs().find((j) => j.kind === BOT_IDLE_JOB)).toBeTruthy();
    await unsure.say('and on venus?');
    await eventually(() => t.hub.store.conversation(unsureId)?.status === 'queued', 'the hand-off');
    expect(t.hub.store.botSession(unsureId)).toMatchObject({ outcome: 'handed_off', reason: 'not_confident' });

    const thankful = await t.visitor('visitor-bot-thanks');
    await thankful.say('how do I get a refund');
    await eventually(() => outFrames(thankful.frames)[0], 'the answer');
    await thankful.say('ok thanks!');
    const thankfulId = t.hub.store.latestConversationOfPeer({ kind: 'widget_visitor', value: 'visitor-bot-thanks' })!;
    await eventually(() => t.hub.store.conversation(thankfulId)?.status === 'closed', 'the close');
    expect(t.hub.store.conversation(thankfulId)).toMatchObject({ disposition: 'bot_resolved', assigneeId: null });
    expect(outFrames(thankful.frames)[1]?.text).toBe('You are welcome! Write again any time.');
    const day = [Date.now() - 60_000, Date.now() + 60_000] as const;
    expect(t.hub.store.botOutcomes(...day)).toEqual([{ queue: 'chat', resolved: 1, handedOff: 1, abandoned: 0 }]);
  });

  it('closes a conversation the customer left as resolved after an answer, as abandoned after a miss (the durable idle job)', async () => {
    t = await startTestHub({ bot: { enabled: true } });
    seedKnowledge(t.hub);
    const answered = await t.visitor('visitor-bot-idle-answered');
    await answered.say('怎么申请退款');
    await eventually(() => outFrames(answered.frames)[0], 'the answer');
    const missed = await t.visitor('visitor-bot-idle-missed');
    await missed.say('what is the weather on mars');
    await eventually(() => outFrames(missed.frames)[0], 'the miss');
    const ids = ['visitor-bot-idle-answered', 'visitor-bot-idle-missed'].map((v) => t.hub.store.latestConversationOfPeer({ kind: 'widget_visitor', value: v })!);
    // The job waits resolveAfterMinutes; brought forward here, as if that time had passed.
    for (const id of ids) {
      const job = t.hub.store.pendingJobs().find((j) => j.key === `bot-idle:${id}`);
      expect(job?.runAt).toBeGreaterThan(Date.now() + 29 * 60_000);
      t.hub.store.scheduleJob({ key: `bot-idle:${id}`, kind: BOT_IDLE_JOB, runAt: Date.now(), payload: JSON.stringify({ conversationId: id }) });
    }
    await eventually(() => ids.every((id) => t.hub.store.conversation(id)?.status === 'closed'), 'both closed', 10_000);
    expect(ids.map((id) => t.hub.store.conversation(id)?.disposition)).toEqual(['bot_resolved', 'bot_abandoned']);
    expect(ids.map((id) => t.hub.store.botSession(id)?.outcome)).toEqual(['resolved', 'abandoned']);
  });

  it('hands off at once when the customer turns angry (the escalation rules)', async () => {
    t = await startTestHub({ bot: { enabled: true } });
    const visitor = await t.visitor('visitor-bot-angry');
    await visitor.say('再不解决我就去12315投诉你们');
    const id = await eventually(() => t.hub.store.latestConversationOfPeer({ kind: 'widget_visitor', value: 'visitor-bot-angry' }), 'the conversation');
    await eventually(() => t.hub.store.conversation(id)?.status === 'queued', 'the hand-off');
    expect(t.hub.store.botSession(id)).toMatchObject({ outcome: 'handed_off', reason: 'negative' });
  });

  it('answers on WeChat through the customer-service API as a durable delivery job', async () => {
    const wechatApi = await startHttpRecorder({
      '/cgi-bin/token': { access_token: 'ACCESS', expires_in: 7200 },
      '/cgi-bin/message/custom/send': { errcode: 0, errmsg: 'ok' },
    });
    cleanups.push(wechatApi.close);
    t = await startTestHub({ bot: { enabled: true, channels: ['wechat'] }, wechat: { token: TEST_WECHAT_TOKEN, appId: 'wxapp', appSecret: 'wxsecret', apiBaseUrl: wechatApi.url } });
    seedKnowledge(t.hub);
    expect(await (await postWechat(t.url, wechatTextXml('oWx_bot', '怎么申请退款', '7001'))).text()).toBe('success');
    const sent = await eventually(() => wechatApi.requests.find((r) => r.path === '/cgi-bin/message/custom/send'), 'a WeChat send');
    const body = JSON.parse(sent.body) as { touser: string; text: { content: string } };
    expect(body.touser).toBe('oWx_bot');
    expect(body.text.content).toContain('在订单详情页点击申请退款');
    const customer = t.hub.store.customerByIdentity('wechat_openid', 'oWx_bot')!;
    const conversation = t.hub.store.openTextConversation(customer.id)!;
    const botMessage = t.hub.store.messages(conversation.id).find((m) => m.authorKind === 'bot')!;
    await eventually(() => t.hub.store.message(botMessage.id)?.channelDelivery?.state === 'delivered', 'the delivery recorded');

    // Not on the widget: this bot answers WeChat only.
    const visitor = await t.visitor('visitor-bot-wechat-only');
    await visitor.say('怎么申请退款');
    const widgetId = t.hub.store.latestConversationOfPeer({ kind: 'widget_visitor', value: 'visitor-bot-wechat-only' })!;
    expect(t.hub.store.conversation(widgetId)?.status).toBe('queued');
  });
});
