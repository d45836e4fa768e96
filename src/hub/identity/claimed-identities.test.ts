import { afterEach, describe, expect, it } from 'vitest';
import { postSigned, signBody, signWidgetIdentity, TEST_CHANNEL_SECRETS } from '../harness/channel-requests';
import { startHttpRecorder } from '../harness/http-recorder';
import { startSmtpSink } from '../harness/smtp-sink';
import { eventually, refusedHello, startTestHub, type AgentClient, type TestHub } from '../harness/test-hub';

const WIDGET_SECRET = 'widget-identity-secret-0123';
const inAnHour = (): number => Math.floor(Date.now() / 1000) + 3600;

let t: TestHub;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await t?.close();
  for (const c of cleanups.splice(0)) await c();
});

async function acceptNext(agent: AgentClient, seen: Set<string> = new Set()): Promise<string> {
  const offer = await agent.waitFor('offer', (f) => !seen.has(f.offer.id));
  seen.add(offer.offer.id);
  await agent.command({ kind: 'offer.accept', offerId: offer.offer.id });
  return offer.offer.conversationId;
}

const texts = (frames: Array<Record<string, unknown>>, type: string): string[] =>
  frames.filter((f) => f.type === type).map((f) => String((f.message as { text: string }).text));
const historyTexts = (frames: Array<Record<string, unknown>>): string[] =>
  (frames.findLast((f) => f.type === 'history')?.messages as Array<{ text: string }>).map((m) => m.text);

const mail = (id: string, from: string, body: string): string =>
  JSON.stringify({ MessageID: id, From: from, FromFull: { Email: from }, Subject: 'Refund for order', TextBody: body });

describe('claimed identities never capture anyone', () => {
  it('an email address claimed in the widget does not show the real owner’s later mail or the replies to it', async () => {
    const smtp = await startSmtpSink();
    cleanups.push(smtp.stop);
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, email: { smtpUrl: smtp.url, from: 'support@switchboard.test' } });
    const attacker = await t.visitor('attacker-0000001', { email: 'victim@corp.example' });
    await attacker.say('hello');
    attacker.close();

    const sent = await postSigned(`${t.url}/channels/email/inbound`, mail('mail-victim-1', 'victim@corp.example', 'My card was charged twice.'));
    expect(sent.status).toBe(202);
    const { conversationId } = (await sent.json()) as { conversationId: string };

    const again = await t.visitor('attacker-0000001');
    expect(historyTexts(again.frames)).toEqual(['hello']);

    // The mail stands on its own, marked as coming from an unproven sender, with a merge suggestion for the agent.
    const conversation = t.hub.store.conversation(conversationId);
    expect(conversation?.channel).toBe('email');
    expect(conversation?.unverified).toBe(true);
    const attackerCustomer = t.hub.store.customerByIdentity('widget_visitor', 'attacker-0000001');
    expect(conversation?.customerId).not.toBe(attackerCustomer?.id);
    expect(t.hub.store.openSuggestionsFor(conversation?.customerId ?? '')).toHaveLength(1);

    const sam = await t.agent('sam');
    expect(await sam.command({ kind: 'conversation.takeover', conversationId })).toMatchObject({ ok: true });
    expect(await sam.command({ kind: 'message.send', conversationId, text: 'We refunded your card.' })).toMatchObject({ ok: true, value: { channel: 'email' } });
    const received = await eventually(() => smtp.mails[0], 'the reply mail', 10_000);
    expect(received.to).toEqual(['victim@corp.example']);
    await new Promise((r) => setTimeout(r, 200));
    expect(texts(again.frames, 'message')).toEqual([]);
  });

  it('a phone claimed without a signature is not joined by the signed-in owner, who alone gets the replies', async () => {
    t = await startTestHub({ widgetIdentitySecret: WIDGET_SECRET });
    const attacker = await t.visitor('attacker-0000002', { phone: '13912345678' });
    await attacker.say('hi');
    const expires = inAnHour();
    const victim = await t.visitor('victim-visitor-01', {
      phone: '13912345678',
      identityExpires: expires,
      identitySignature: signWidgetIdentity(WIDGET_SECRET, { visitorId: 'victim-visitor-01', phone: '13912345678', expires }),
    });
    await victim.say('I am the real owner, my address is 1 Example Rd');

    const attackerCustomer = t.hub.store.customerByIdentity('widget_visitor', 'attacker-0000002');
    const victimCustomer = t.hub.store.customerByIdentity('widget_visitor', 'victim-visitor-01');
    expect(victimCustomer?.id).not.toBe(attackerCustomer?.id);
    expect(t.hub.store.customerByIdentity('phone', '+8613912345678')?.id).toBe(victimCustomer?.id);
    // The claim is not upgraded: the attacker's record never holds the phone as verified.
    expect(t.hub.store.customer(attackerCustomer?.id ?? '')?.identities.filter((i) => i.kind === 'phone')).toEqual([
      { kind: 'phone', value: '+8613912345678', verified: false },
    ]);

    const sam = await t.agent('sam');
    const [conversation] = t.hub.store.customerConversations(victimCustomer?.id ?? '', 5);
    await sam.command({ kind: 'conversation.takeover', conversationId: conversation?.id ?? '' });
    await sam.command({ kind: 'message.send', conversationId: conversation?.id ?? '', text: 'Your delivery code is 4821.' });
    await eventually(() => texts(victim.frames, 'message').includes('Your delivery code is 4821.'), 'the reply at the owner');
    expect(texts(attacker.frames, 'message')).not.toContain('Your delivery code is 4821.');
    const reloaded = await t.visitor('attacker-0000002');
    expect(historyTexts(reloaded.frames)).toEqual(['hi']);
  });

  it('binds the widget signature to the visitor id and an expiry', async () => {
    t = await startTestHub({ widgetIdentitySecret: WIDGET_SECRET });
    const expires = inAnHour();
    const forOther = signWidgetIdentity(WIDGET_SECRET, { visitorId: 'someone-else-001', email: 'li.na@example.com', expires });
    // A hello whose signature does not verify (copied from another visitor, or expired) is refused outright.
    expect(await refusedHello(t.url, { visitorId: 'signature-thief-1', email: 'li.na@example.com', identityExpires: expires, identitySignature: forOther })).toBe(4403);
    const past = Math.floor(Date.now() / 1000) - 60;
    const staleSignature = signWidgetIdentity(WIDGET_SECRET, { visitorId: 'stale-signature-1', email: 'li.na@example.com', expires: past });
    expect(await refusedHello(t.url, { visitorId: 'stale-signature-1', email: 'li.na@example.com', identityExpires: past, identitySignature: staleSignature })).toBe(4403);
    expect(t.hub.store.customerByIdentity('email', 'li.na@example.com')).toBeNull();
    expect(t.hub.store.customerByIdentity('widget_visitor', 'signature-thief-1')).toBeNull();

    const owner = await t.visitor('li-na-visitor-01', {
      email: 'li.na@example.com',
      identityExpires: expires,
      identitySignature: signWidgetIdentity(WIDGET_SECRET, { visitorId: 'li-na-visitor-01', email: 'li.na@example.com', expires }),
    });
    await owner.say('signed in');
    expect(t.hub.store.customerByIdentity('email', 'li.na@example.com')?.id).toBe(t.hub.store.customerByIdentity('widget_visitor', 'li-na-visitor-01')?.id);
  });

  it('joins two channels into one customer and timeline when both sides are verified', async () => {
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, widgetIdentitySecret: WIDGET_SECRET });
    const body = JSON.stringify({ messageId: 'g-1', userId: 'buyer-1', userName: '王芳', phone: '13900139000', text: '订单还没到' });
    expect((await postSigned(`${t.url}/channels/webhook/generic`, body)).status).toBe(202);
    const platformCustomer = t.hub.store.customerByIdentity('platform_user', 'generic:buyer-1');
    const expires = inAnHour();
    const visitor = await t.visitor('visitor-same-phone', {
      phone: '13900139000',
      identityExpires: expires,
      identitySignature: signWidgetIdentity(WIDGET_SECRET, { visitorId: 'visitor-same-phone', phone: '13900139000', expires }),
    });
    await visitor.say('我在网页上继续问');
    expect(t.hub.store.customerByIdentity('widget_visitor', 'visitor-same-phone')?.id).toBe(platformCustomer?.id);
    const conversations = t.hub.store.customerConversations(platformCustomer?.id ?? '', 10);
    expect(conversations).toHaveLength(1);
    expect(t.hub.store.messages(conversations[0]?.id ?? '').map((m) => m.channel)).toEqual(['webhook', 'widget']);
    // The widget shows only what this visitor wrote and what was sent to them, not the platform chat.
    const reloaded = await t.visitor('visitor-same-phone');
    expect(historyTexts(reloaded.frames)).toEqual(['我在网页上继续问']);
  });

  it('treats a consignee phone typed into an order as a claim: the buyer is not merged into the VIP', async () => {
    t = await startTestHub(TEST_CHANNEL_SECRETS);
    const body = JSON.stringify({ msg_id: 'tb-evil', buyer_id: 'buyer-evil-77', content: '我的订单呢', receiver_mobile: '13800138000' });
    expect((await postSigned(`${t.url}/channels/webhook/taobao`, body)).status).toBe(202);
    const buyer = t.hub.store.customerByIdentity('platform_user', 'taobao:buyer-evil-77');
    expect(buyer?.id).not.toBe('cus_demo_zhang');
    expect(buyer?.tags).not.toContain('VIP');
    const [conversation] = t.hub.store.customerConversations(buyer?.id ?? '', 5);
    expect(conversation?.priority).toBe(0);
    expect(t.hub.store.openSuggestionsFor('cus_demo_zhang').map((s) => s.customerId)).toEqual([buyer?.id]);
  });

  it('keeps a forged sender address out of the verified customer’s open conversation', async () => {
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, widgetIdentitySecret: WIDGET_SECRET });
    const expires = inAnHour();
    const zhang = await t.visitor('zhang-visitor-001', {
      email: 'zhang.wei@example.com',
      identityExpires: expires,
      identitySignature: signWidgetIdentity(WIDGET_SECRET, { visitorId: 'zhang-visitor-001', email: 'zhang.wei@example.com', expires }),
    });
    await zhang.say('耳机坏了');
    const [open] = t.hub.store.customerConversations('cus_demo_zhang', 5);
    const forged = await postSigned(`${t.url}/channels/email/inbound`, mail('mail-forged-1', 'zhang.wei@example.com', 'Please send the refund to card 6222…'));
    expect(forged.status).toBe(202);
    const { conversationId } = (await forged.json()) as { conversationId: string };
    expect(conversationId).not.toBe(open?.id);
    expect(t.hub.store.conversation(conversationId)?.unverified).toBe(true);
    expect(t.hub.store.messages(open?.id ?? '').map((m) => m.channel)).toEqual(['widget']);
  });

  it('replies to the identity the conversation came in on, not to another one of a merged customer', async () => {
    const platform = await startHttpRecorder({});
    cleanups.push(platform.close);
    t = await startTestHub({ ...TEST_CHANNEL_SECRETS, webhookOutboundUrls: { generic: `${platform.url}/reply` } });
    const first = JSON.stringify({ messageId: 'g-a', userId: 'aaa-user', phone: '13700137000', text: 'first account' });
    const second = JSON.stringify({ messageId: 'g-b', userId: 'zzz-user', phone: '13700137000', text: 'second account' });
    expect((await postSigned(`${t.url}/channels/webhook/generic`, first)).status).toBe(202);
    const { conversationId } = (await (await postSigned(`${t.url}/channels/webhook/generic`, second)).json()) as { conversationId: string };
    const customer = t.hub.store.customerByIdentity('platform_user', 'generic:aaa-user');
    expect(t.hub.store.customerByIdentity('platform_user', 'generic:zzz-user')?.id).toBe(customer?.id);

    const bob = await t.agent('bob');
    expect(await acceptNext(bob)).toBe(conversationId);
    expect(await bob.command({ kind: 'message.send', conversationId, text: 'answer' })).toMatchObject({ ok: true });
    const reply = await eventually(() => platform.requests[0], 'the reply at the platform');
    expect(JSON.parse(reply.body)).toMatchObject({ userId: 'zzz-user', text: 'answer' });
  });
});

describe('signed channel requests', () => {
  const good = (id: string): string => JSON.stringify({ messageId: id, userId: 'u-sig', text: 'hello' });

  it('refuses a body signed for another platform, for email, or too long ago', async () => {
    t = await startTestHub(TEST_CHANNEL_SECRETS);
    const url = `${t.url}/channels/webhook/generic`;
    expect((await postSigned(url, good('s-1'), signBody(good('s-1'), 'webhook:taobao'))).status).toBe(401);
    const taobaoKeyOnGeneric = signBody(good('s-2'), 'webhook:generic', TEST_CHANNEL_SECRETS.webhookSecrets.taobao);
    expect((await postSigned(url, good('s-2'), taobaoKeyOnGeneric)).status).toBe(401);
    const emailBody = mail('mail-cross-1', 'x@example.com', 'hi');
    expect((await postSigned(`${t.url}/channels/email/inbound`, emailBody, signBody(emailBody, 'email', TEST_CHANNEL_SECRETS.webhookSecrets.generic))).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 600;
    expect((await postSigned(url, good('s-3'), signBody(good('s-3'), 'webhook:generic', undefined, old))).status).toBe(401);
    expect((await postSigned(url, good('s-4'))).status).toBe(202);
    expect(t.hub.store.messageByKey('webhook:generic:s-1')).toBeNull();
  });
});
