import { afterEach, describe, expect, it } from 'vitest';
import { postWechat, signWidgetIdentity, TEST_WECHAT_TOKEN, wechatTextXml } from '../../../tests/harness/hub/channel-requests';
import { startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

const WIDGET_SECRET = 'widget-identity-secret-0123';
let t: TestHub;
afterEach(async () => {
  await t?.close();
});

const expires = Math.floor(Date.now() / 1000) + 3600;
const signedPhone = (visitorId: string, phone: string) => ({
  phone,
  identityExpires: expires,
  identitySignature: signWidgetIdentity(WIDGET_SECRET, { visitorId, phone, expires }),
});
const signedEmail = (visitorId: string, email: string) => ({
  email,
  identityExpires: expires,
  identitySignature: signWidgetIdentity(WIDGET_SECRET, { visitorId, email, expires }),
});

describe('customer identity', () => {
  it('keeps a WeChat customer who typed a phone apart from the visitor the website signed in with it, and suggests the merge', async () => {
    t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN }, widgetIdentitySecret: WIDGET_SECRET });
    const sent = await postWechat(t.url, wechatTextXml('oWx_one_customer', '我的手机号是 139 0013 9000，订单还没到', '1001'));
    expect(sent.status).toBe(200);
    const wechatCustomer = t.hub.store.customerByIdentity('wechat_openid', 'oWx_one_customer');
    expect(wechatCustomer?.identities).toContainEqual({ kind: 'phone', value: '+8613900139000', verified: false });

    const visitor = await t.visitor('visitor-same-phone', signedPhone('visitor-same-phone', '13900139000'));
    await visitor.say('我在网页上继续问');
    const widgetCustomer = t.hub.store.customerByIdentity('widget_visitor', 'visitor-same-phone');
    // A typed phone proves nothing: the signed-in owner gets a record of their own, and an agent decides.
    expect(widgetCustomer?.id).not.toBe(wechatCustomer?.id);
    expect(t.hub.store.customerByIdentity('phone', '+8613900139000')?.id).toBe(widgetCustomer?.id);
    expect(t.hub.store.openSuggestionsFor(widgetCustomer?.id ?? '').map((s) => s.candidateId)).toEqual([wechatCustomer?.id]);
  });

  it('turns an unproven phone into a merge suggestion, which an agent accepts and undoes', async () => {
    t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN } });
    await postWechat(t.url, wechatTextXml('oWx_weak_match', '电话 13700137000', '2001'));
    const first = t.hub.store.customerByIdentity('wechat_openid', 'oWx_weak_match');
    const visitor = await t.visitor('visitor-weak-match', { phone: '13700137000' });
    await visitor.say('hello from the web');
    const second = t.hub.store.customerByIdentity('widget_visitor', 'visitor-weak-match');
    expect(second?.id).not.toBe(first?.id);

    const sam = await t.agent('sam');
    const login = await t.login('sam');
    const view = (await fetch(`${t.url}/api/customers/${second?.id}/360`, { headers: { authorization: `Bearer ${login.token}` } }).then((r) =>
      r.json(),
    )) as { mergeSuggestions: Array<{ id: string }> };
    expect(view.mergeSuggestions).toHaveLength(1);
    const merged = await sam.command({ kind: 'merge.accept', suggestionId: view.mergeSuggestions[0]?.id ?? '' });
    expect(merged).toMatchObject({ ok: true, value: { targetId: first?.id, sourceId: second?.id } });
    expect(t.hub.store.customerByIdentity('widget_visitor', 'visitor-weak-match')?.id).toBe(first?.id);
    expect(t.hub.store.customerConversations(first?.id ?? '', 10)).toHaveLength(2);

    const mergeId = (merged as { ok: true; value: { id: string } }).value.id;
    expect(await sam.command({ kind: 'merge.undo', mergeId })).toMatchObject({ ok: true });
    expect(t.hub.store.customerByIdentity('widget_visitor', 'visitor-weak-match')?.id).toBe(second?.id);
    expect(t.hub.store.customerConversations(first?.id ?? '', 10)).toHaveLength(1);
    expect(t.hub.store.customer(second?.id ?? '')?.mergedInto).toBeNull();
    expect(await sam.command({ kind: 'merge.undo', mergeId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('merges two existing customers automatically on a strong match, undoably', async () => {
    t = await startTestHub({ widgetIdentitySecret: WIDGET_SECRET });
    const a = await t.visitor('visitor-strong-aaa');
    await a.say('first visit');
    const b = await t.visitor('visitor-strong-bbb');
    await b.say('second visit');
    const older = t.hub.store.customerByIdentity('widget_visitor', 'visitor-strong-aaa');
    t.hub.store.addIdentity(older?.id ?? '', { kind: 'email', value: 'li.na@example.com', verified: true });
    const again = await t.visitor('visitor-strong-bbb', signedEmail('visitor-strong-bbb', 'li.na@example.com'));
    await again.say('it is me again');
    const merged = t.hub.store.customerByIdentity('widget_visitor', 'visitor-strong-bbb');
    expect(merged?.id).toBe(older?.id);
    expect(t.hub.store.mergesInto(older?.id ?? '')[0]).toMatchObject({ by: 'auto', undoneAt: null });
  });

  it('masks resident ID and card numbers in stored text and logs, and shows the original only to supervisors', async () => {
    t = await startTestHub();
    const visitor = await t.visitor('visitor-masking-1');
    const id = '11010519491231002X';
    const card = '4111 1111 1111 1111';
    const echo = await visitor.say(`身份证 ${id} 卡号 ${card}`);
    const text = String((echo.message as { text: string }).text);
    expect(text).not.toContain(id);
    expect(text).toContain('002X');
    expect(text).not.toContain('4111 1111 1111 1111');
    const messageId = String((echo.message as { id: string }).id);
    expect(t.hub.store.message(messageId)?.text).toBe(text);
    expect(JSON.stringify(t.hub.store.feedAfter('*', 0, 1000))).not.toContain(id);
    expect(JSON.stringify(t.log.entries)).not.toContain(id);

    const sam = await t.login('sam');
    const bob = await t.login('bob');
    const url = `${t.url}/api/messages/${messageId}/unmasked`;
    const shown = (await fetch(url, { headers: { authorization: `Bearer ${sam.token}` } }).then((r) => r.json())) as { text: string };
    expect(shown.text).toContain(id);
    expect((await fetch(url, { headers: { authorization: `Bearer ${bob.token}` } })).status).toBe(403);
  });
});
