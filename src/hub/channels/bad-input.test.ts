import { HUB_PROTOCOL_VERSION } from '../../shared/protocol/hub-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { postSigned, postWechat, signBody, TEST_CHANNEL_SECRETS, TEST_WECHAT_TOKEN, wechatQuery, wechatTextXml } from '../../../tests/harness/hub/channel-requests';
import { startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

/** Every class of bad input, at every endpoint: a clear 4xx, the hub stays up, nothing is stored. */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ ...TEST_CHANNEL_SECRETS, wechat: { token: TEST_WECHAT_TOKEN } });
});
afterAll(async () => {
  await t?.close();
});

async function expectRefused(response: Response, status: number): Promise<void> {
  const head = t.hub.store.headSeq();
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(t.hub.store.headSeq()).toBe(head);
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
}

const webhook = (): string => `${t.url}/channels/webhook/generic`;
const email = (): string => `${t.url}/channels/email/inbound`;
const good = (id: string): string => JSON.stringify({ messageId: id, userId: 'u1', text: 'hello' });

describe('malformed payloads', () => {
  it('webhook: not JSON', async () => expectRefused(await postSigned(webhook(), '{not json'), 400));
  it('email: not JSON', async () => expectRefused(await postSigned(email(), '<<<'), 400));
  it('wechat: not WeChat XML', async () => expectRefused(await postWechat(t.url, '<xml><a><b>nested</b></a></xml>'), 400));
  it('wechat: an XML entity attack', async () =>
    expectRefused(await postWechat(t.url, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>'), 400));
  it('login: not JSON', async () =>
    expectRefused(await fetch(`${t.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), 400));
  it('upload: content that is not what it claims', async () => {
    const visitor = await t.visitor('visitor-bad-upload');
    await expectRefused(await visitor.upload('x.png', 'image/png', '<script>'), 400);
  });
  it('upload: without the token the chat hands out', async () =>
    expectRefused(
      await fetch(`${t.url}/widget/attachments?visitor=visitor-bad-upload&name=x.png`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: '<script>' }),
      401,
    ));
});

describe('oversized payloads', () => {
  const big = 'x'.repeat(200 * 1024);
  it('webhook', async () => expectRefused(await postSigned(webhook(), JSON.stringify({ messageId: 'big', userId: 'u', text: big })), 413));
  it('wechat', async () => expectRefused(await postWechat(t.url, wechatTextXml('oWx_big', big, '9')), 413));
  it('upload', async () =>
    expectRefused(
      await fetch(`${t.url}/widget/attachments?visitor=visitor-bad-upload&name=x.txt`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'a'.repeat(6 * 1024 * 1024) }),
      413,
    ));
});

describe('unsigned or wrongly signed payloads', () => {
  it('webhook without a signature', async () => expectRefused(await postSigned(webhook(), good('u-1'), null), 401));
  it('webhook signed with another secret', async () => expectRefused(await postSigned(webhook(), good('u-2'), signBody(good('u-2'), 'webhook:generic', 'another-secret-value')), 401));
  it('email without a signature', async () => expectRefused(await postSigned(email(), '{}', null), 401));
  it('wechat without a signature', async () =>
    expectRefused(await fetch(`${t.url}/channels/wechat`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: wechatTextXml('o', 'hi', '1') }), 401));
  it('wechat signed with another token', async () => expectRefused(await postWechat(t.url, wechatTextXml('o', 'hi', '2'), wechatQuery('other-token')), 401));
  it('wechat verification with a wrong signature', async () =>
    expectRefused(await fetch(`${t.url}/channels/wechat?signature=${'0'.repeat(40)}&timestamp=1&nonce=n&echostr=e`), 401));
  it('360 without a token', async () => expectRefused(await fetch(`${t.url}/api/customers/cus_demo_zhang/360`), 401));
});

describe('replayed payloads', () => {
  it('webhook: the same signed request twice is a redelivery: answered 2xx with the first message, stored once', async () => {
    const body = good('replay-1');
    // One capture sent twice: the same signature, whatever second the second copy arrives in. A redelivery is answered
    // 2xx with the first message, and stored once.
    const signature = signBody(body, 'webhook:generic');
    const first = await postSigned(webhook(), body, signature);
    expect(first.status).toBe(202);
    const again = await postSigned(webhook(), body, signature);
    expect(again.status).toBe(200);
    const [a, b] = [(await first.json()) as { messageId: string }, (await again.json()) as { messageId: string; duplicate: boolean }];
    expect(b).toMatchObject({ messageId: a.messageId, duplicate: true });
    expect(t.hub.store.messages(t.hub.store.message(a.messageId)?.conversationId ?? '')).toHaveLength(1);
  });
  it('wechat: the same signed query twice', async () => {
    const query = wechatQuery();
    expect((await postWechat(t.url, wechatTextXml('oWx_replay', 'hi', '777'), query)).status).toBe(200);
    await expectRefused(await postWechat(t.url, wechatTextXml('oWx_replay', 'hi again', '778'), query), 409);
  });
  it('wechat: a signature from long ago', async () => expectRefused(await postWechat(t.url, wechatTextXml('o', 'hi', '3'), wechatQuery(TEST_WECHAT_TOKEN, '1000')), 401));
});

describe('wrongly typed payloads', () => {
  it('webhook: text is a number', async () => expectRefused(await postSigned(webhook(), JSON.stringify({ messageId: 'w1', userId: 'u', text: 5 })), 400));
  it('webhook: an unknown platform', async () => expectRefused(await postSigned(`${t.url}/channels/webhook/nowhere`, good('w2')), 404));
  it('webhook: the wrong content type', async () =>
    expectRefused(await fetch(webhook(), { method: 'POST', headers: { 'content-type': 'text/plain', 'x-switchboard-signature': signBody('x') }, body: 'x' }), 415));
  it('email: From is missing', async () => expectRefused(await postSigned(email(), JSON.stringify({ MessageID: 'm', Subject: 'hi' })), 400));
  it('wechat: an unknown message type', async () =>
    expectRefused(
      await postWechat(t.url, '<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>video</MsgType><MsgId>5</MsgId></xml>'),
      400,
    ));
  it('login: the password is a number', async () =>
    expectRefused(await fetch(`${t.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bob', password: 1 }) }), 400));
  it('upload: a type that is not accepted', async () =>
    expectRefused(
      await fetch(`${t.url}/widget/attachments?visitor=visitor-bad-upload&name=x.exe`, { method: 'POST', headers: { 'content-type': 'application/x-msdownload' }, body: 'MZ' }),
      415,
    ));
});

describe('the agent and widget sockets', () => {
  it('refuse malformed, oversized and wrongly typed frames with an error frame and store nothing', async () => {
    const alice = await t.agent('alice');
    const head = t.hub.store.headSeq();
    alice.raw.send('not json');
    await alice.waitFor('error', (f) => f.error.code === 'malformed_frame');
    alice.raw.send('x'.repeat(300 * 1024));
    await alice.waitFor('error', (f) => f.error.code === 'frame_too_large');
    alice.raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'command', key: 'key-typed-1', command: { kind: 'conversation.close', conversationId: 5 } }));
    await alice.waitFor('error', (f) => /conversationId|command/.test(f.error.message));
    const noCode = await alice.command({ kind: 'conversation.close', conversationId: 'conv_none', disposition: 'resolved' });
    expect(noCode).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(t.hub.store.headSeq()).toBe(head);

    const widget = new WebSocket(`${t.url.replace('http', 'ws')}/widget/ws`);
    const frames: Array<{ type: string }> = [];
    widget.on('message', (d) => frames.push(JSON.parse(String(d)) as { type: string }));
    await new Promise((r) => widget.once('open', r));
    widget.send(JSON.stringify({ type: 'message', text: 'before hello', key: 'abcdefgh1' }));
    widget.send(JSON.stringify({ type: 'hello', visitorId: 5 }));
    await new Promise((r) => setTimeout(r, 200));
    expect(frames.filter((f) => f.type === 'error')).toHaveLength(2);
    expect(t.hub.store.headSeq()).toBe(head);
    widget.close();
  });

  it('dedupes a repeated command key: the reply is stored and sent once', async () => {
    const bob = await t.agent('bob');
    const visitor = await t.visitor('visitor-dedupe-01');
    await visitor.say('dedupe me');
    const offer = await bob.waitFor('offer');
    await bob.command({ kind: 'offer.accept', offerId: offer.offer.id });
    const first = await bob.command({ kind: 'message.send', conversationId: offer.offer.conversationId, text: 'once' }, 'dedupe-key-1');
    const second = await bob.command({ kind: 'message.send', conversationId: offer.offer.conversationId, text: 'once' }, 'dedupe-key-1');
    expect(second).toEqual(first);
    expect(t.hub.store.messages(offer.offer.conversationId).filter((m) => m.text === 'once')).toHaveLength(1);
  });
});
