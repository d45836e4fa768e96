import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postSigned, postWechat, TEST_CHANNEL_SECRETS, TEST_WECHAT_TOKEN, wechatTextXml } from '../../../tests/harness/hub/channel-requests';
import { startHttpRecorder } from '../../../tests/harness/hub/http-recorder';
import { startSmtpSink } from '../../../tests/harness/hub/smtp-sink';
import { eventually, startTestHub, type AgentClient, type TestHub } from '../../../tests/harness/hub/test-hub';
import { signSurveyToken } from './survey-token';

let t: TestHub;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await t?.close();
  for (const c of cleanups.splice(0)) await c();
});

async function acceptAndClose(agent: AgentClient): Promise<string> {
  const offer = await agent.waitFor('offer');
  await agent.command({ kind: 'offer.accept', offerId: offer.offer.id });
  const conversationId = offer.offer.conversationId;
  await agent.command({ kind: 'message.send', conversationId, text: '好的，已经为您处理。' });
  expect(await agent.command({ kind: 'conversation.close', conversationId, disposition: 'resolved' })).toMatchObject({ ok: true });
  return conversationId;
}

/** Takes the offer and closes it without replying, so the only message to the customer is the survey's. */
async function acceptAndCloseSilently(agent: AgentClient): Promise<string> {
  const offer = await agent.waitFor('offer');
  await agent.command({ kind: 'offer.accept', offerId: offer.offer.id });
  expect(await agent.command({ kind: 'conversation.close', conversationId: offer.offer.conversationId, disposition: 'resolved' })).toMatchObject({ ok: true });
  return offer.offer.conversationId;
}

const alertsIn = (dataDir: string) => {
  const db = new Database(join(dataDir, 'hub.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT kind, conversation_id, value, reason FROM supervisor_alerts').all() as Array<{ kind: string; conversation_id: string; value: number; reason: string }>;
  } finally {
    db.close();
  }
};

describe('satisfaction surveys', () => {
  it('asks the widget visitor after close; a low rating with a comment is stored once, noted, shown in the 360 and alerted', async () => {
    t = await startTestHub();
    t.hub.store.addIdentity('cus_demo_zhang', { kind: 'widget_visitor', value: 'visitor-survey-01', verified: true });
    const visitor = await t.visitor('visitor-survey-01');
    await visitor.say('我的快递还没到');
    const alice = await t.agent('alice');
    const conversationId = await acceptAndClose(alice);

    const frame = await eventually(() => visitor.frames.find((f) => f.type === 'survey'), 'the survey in the widget');
    const token = String(frame.token);
    const answer = (body: unknown) => fetch(`${t.url}/survey/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await answer({ token, rating: 7 })).status).toBe(400);
    expect((await answer({ token, rating: 2, comment: '等太久了' })).status).toBe(200);
    // Single use: the same link cannot rate again.
    expect((await answer({ token, rating: 5 })).status).toBe(409);

    const survey = t.hub.store.surveyOfConversation(conversationId);
    expect(survey).toMatchObject({ rating: 2, comment: '等太久了', ratedVia: 'widget', language: 'zh-CN', agentId: expect.stringMatching(/./) });
    expect(t.hub.store.messages(conversationId).at(-1)).toMatchObject({ authorKind: 'system', internal: true, text: expect.stringContaining('2/5') });

    const { token: bearer } = await t.login('alice');
    const view = (await fetch(`${t.url}/api/customers/cus_demo_zhang/360`, { headers: { authorization: `Bearer ${bearer}` } }).then((r) => r.json())) as {
      timeline: Array<{ conversation: { id: string }; rating: { rating: number; comment: string } | null }>;
    };
    expect(view.timeline.find((e) => e.conversation.id === conversationId)?.rating).toMatchObject({ rating: 2, comment: '等太久了' });
    expect(alertsIn(t.dataDir)).toContainEqual({ kind: 'low_rating', conversation_id: conversationId, value: 2, reason: 'low-rating' });
  });

  it('shows the survey again when a visitor whose tab was closed comes back', async () => {
    t = await startTestHub();
    const visitor = await t.visitor('visitor-survey-02');
    await visitor.say('hello, is my refund done?');
    const alice = await t.agent('alice');
    const offer = await alice.waitFor('offer');
    visitor.close();
    await alice.command({ kind: 'offer.accept', offerId: offer.offer.id });
    await alice.command({ kind: 'conversation.close', conversationId: offer.offer.conversationId, disposition: 'resolved' });
    await eventually(() => t.hub.store.surveyOfConversation(offer.offer.conversationId), 'the survey');
    const back = await t.visitor('visitor-survey-02');
    const frame = await eventually(() => back.frames.find((f) => f.type === 'survey'), 'the survey on return');
    const answered = await fetch(`${t.url}/survey/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: frame.token, rating: 4 }) });
    expect(answered.status).toBe(200);
  });

  it('asks a WeChat follower in their language and records the digit they reply, without opening a conversation', async () => {
    const wechatApi = await startHttpRecorder({
      '/cgi-bin/token': { access_token: 'ACCESS', expires_in: 7200 },
      '/cgi-bin/message/custom/send': { errcode: 0, errmsg: 'ok' },
    });
    cleanups.push(wechatApi.close);
    t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN, appId: 'wxapp', appSecret: 'wxsecret', apiBaseUrl: wechatApi.url } });
    const bob = await t.agent('bob');
    await postWechat(t.url, wechatTextXml('oWx_survey', '請問訂單什麼時候發貨？', '5001'));
    const conversationId = await acceptAndClose(bob);
    const sends = () => wechatApi.requests.filter((r) => r.path === '/cgi-bin/message/custom/send').map((r) => JSON.parse(r.body) as { text: { content: string } });
    const prompt = await eventually(() => sends().find((s) => s.text.content.includes('1（非常不滿意）')), 'the survey prompt in Traditional Chinese');
    expect(prompt).toBeTruthy();

    expect((await postWechat(t.url, wechatTextXml('oWx_survey', '４ 很快', '5002'))).status).toBe(200);
    expect(t.hub.store.surveyOfConversation(conversationId)).toMatchObject({ rating: 4, comment: '很快', ratedVia: 'wechat' });
    const customer = t.hub.store.customerByIdentity('wechat_openid', 'oWx_survey');
    expect(t.hub.store.customerConversations(customer?.id ?? '', 10)).toHaveLength(1);
    await eventually(() => sends().find((s) => s.text.content.includes('4/5')), 'the thanks');
    // Answered: another digit is an ordinary message that opens a conversation.
    await postWechat(t.url, wechatTextXml('oWx_survey', '3', '5003'));
    expect(t.hub.store.customerConversations(customer?.id ?? '', 10)).toHaveLength(2);
  });

  it('mails a signed single-use link; the page rates once, and a forged or expired link is refused', async () => {
    const smtp = await startSmtpSink();
    cleanups.push(smtp.stop);
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, email: { smtpUrl: smtp.url, from: 'support@switchboard.test' } });
    const bob = await t.agent('bob');
    const mail = JSON.stringify({ MessageID: 'survey-1@example.com', From: 'Ann <ann@example.com>', FromFull: { Email: 'ann@example.com', Name: 'Ann' }, Subject: 'Invoice', TextBody: 'Where is my invoice, please?' });
    expect((await postSigned(`${t.url}/channels/email/inbound`, mail)).status).toBe(202);
    const conversationId = await acceptAndClose(bob);
    const surveyMail = await eventually(() => smtp.mails.find((m) => /survey/.test(m.data.replace(/=\r?\n/g, ''))), 'the survey mail', 10_000);
    const link = /https?:\/\/\S+\/survey\/[A-Za-z0-9_.%-]+/.exec(surveyMail.data.replace(/=\r?\n/g, '').replace(/=3D/g, '='))?.[0];
    expect(link).toBeTruthy();
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('How satisfied are you');

    const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect((await post(link!, 'comment=no+rating')).status).toBe(400);
    const rated = await post(link!, 'rating=5&comment=Thanks');
    expect(rated.status).toBe(200);
    expect(await rated.text()).toContain('Thank you for your feedback');
    expect(t.hub.store.surveyOfConversation(conversationId)).toMatchObject({ rating: 5, comment: 'Thanks', ratedVia: 'email', language: 'en' });
    expect((await post(link!, 'rating=1')).status).toBe(409);

    const survey = t.hub.store.surveyOfConversation(conversationId)!;
    const forged = link!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(forged)).status).toBe(400);
    const secret = String(await import('node:fs').then((fs) => fs.readFileSync(join(t.dataDir, 'token-secret'), 'utf8'))).trim();
    const expired = `${t.url}/survey/${signSurveyToken(secret, survey.id, Date.now() - 1000)}`;
    expect((await post(expired, 'rating=3')).status).toBe(400);
  });
  it('tries a survey mail again while the mail server refuses it, and delivers it once', async () => {
    const smtp = await startSmtpSink({ refuseFirst: 2 });
    cleanups.push(smtp.stop);
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, email: { smtpUrl: smtp.url, from: 'support@switchboard.test' }, outboundRetry: { attempts: 4, baseDelayMs: 50, maxDelayMs: 200 } });
    const bob = await t.agent('bob');
    const mail = JSON.stringify({ MessageID: 'survey-retry@example.com', From: 'Ann <ann@example.com>', FromFull: { Email: 'ann@example.com', Name: 'Ann' }, Subject: 'Invoice', TextBody: 'Where is my invoice, please?' });
    expect((await postSigned(`${t.url}/channels/email/inbound`, mail)).status).toBe(202);
    const conversationId = await acceptAndCloseSilently(bob);
    const survey = await eventually(() => t.hub.store.surveyOfConversation(conversationId), 'the survey');
    const delivered = await eventually(() => t.hub.store.directDeliveriesOf(survey.id).find((d) => d.delivery.state === 'delivered'), 'the survey mail delivered', 10_000);
    expect(delivered).toMatchObject({ purpose: 'survey', channel: 'email', to: { kind: 'email', value: 'ann@example.com' }, delivery: { attempts: 3 } });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.refused()).toBe(2);
    expect(smtp.mails.filter((m) => /survey/.test(m.data.replace(/=\r?\n/g, '')))).toHaveLength(1);
  });

  it('tries the WeChat survey prompt again while the WeChat API fails, and sends it once', async () => {
    const wechatApi = await startHttpRecorder({
      '/cgi-bin/token': { access_token: 'ACCESS', expires_in: 7200 },
      '/cgi-bin/message/custom/send': (n: number) => (n <= 2 ? { errcode: 45047, errmsg: 'out of response count limit' } : { errcode: 0, errmsg: 'ok' }),
    });
    cleanups.push(wechatApi.close);
    t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN, appId: 'wxapp', appSecret: 'wxsecret', apiBaseUrl: wechatApi.url }, outboundRetry: { attempts: 4, baseDelayMs: 50, maxDelayMs: 200 } });
    const bob = await t.agent('bob');
    await postWechat(t.url, wechatTextXml('oWx_retry', '我的快递到哪了', '6001'));
    const conversationId = await acceptAndCloseSilently(bob);
    const survey = await eventually(() => t.hub.store.surveyOfConversation(conversationId), 'the survey');
    const delivered = await eventually(() => t.hub.store.directDeliveriesOf(survey.id).find((d) => d.delivery.state === 'delivered'), 'the prompt delivered', 10_000);
    expect(delivered).toMatchObject({ channel: 'wechat', to: { kind: 'wechat_openid', value: 'oWx_retry' }, delivery: { attempts: 3 } });
    await new Promise((r) => setTimeout(r, 300));
    const prompts = wechatApi.requests.filter((r) => r.path === '/cgi-bin/message/custom/send' && r.body.includes('1（非常不满意）'));
    // Two refused tries and the one that went through: the customer got it once.
    expect(prompts).toHaveLength(3);
    expect(t.hub.store.directDeliveriesOf(survey.id)).toHaveLength(1);
  });
});
