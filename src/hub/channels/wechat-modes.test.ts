import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { postWechat, TEST_WECHAT_TOKEN, wechatQuery, wechatTextXml } from '../../../tests/harness/hub/channel-requests';
import { startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

// WeChat's side, written here with node:crypto alone (independent of wechat-crypto.ts).
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const APP_ID = 'wxswitchboardtest';
const key = Buffer.from(`${AES_KEY}=`, 'base64');
const sha1 = (...parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

function encrypt(xml: string, appId = APP_ID): string {
  const body = Buffer.from(xml);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), len, body, Buffer.from(appId)]);
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
}

function decrypt(encrypted: string): string {
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const padded = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
  const plain = padded.subarray(0, padded.length - (padded.at(-1) ?? 0));
  return plain.subarray(20, 20 + plain.readUInt32BE(16)).toString('utf8');
}

/** What WeChat posts in safe mode (or, with `clear`, in compatibility mode). */
function encryptedPush(hubUrl: string, xml: string, opts: { clear?: string; appId?: string; msgSignature?: string; nonce?: string } = {}) {
  const { url, body } = encryptedRequest(hubUrl, xml, opts);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
}

function encryptedRequest(hubUrl: string, xml: string, opts: { clear?: string; appId?: string; msgSignature?: string; nonce?: string } = {}) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomUUID();
  const enc = encrypt(xml, opts.appId);
  const body = `<xml><ToUserName><![CDATA[gh_switchboard]]></ToUserName>${opts.clear ?? ''}<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
  const query = new URLSearchParams({
    signature: sha1(TEST_WECHAT_TOKEN, timestamp, nonce),
    timestamp,
    nonce,
    encrypt_type: 'aes',
    msg_signature: opts.msgSignature ?? sha1(TEST_WECHAT_TOKEN, timestamp, nonce, enc),
    openid: 'oWx_safe',
  });
  return { url: `${hubUrl}/channels/wechat?${query}`, body };
}

const wx = (openId: string, type: string, fields: string, msgId: string | null = String(Date.now()) + String(Math.floor(Math.random() * 1000))) =>
  `<xml><ToUserName><![CDATA[gh_switchboard]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>${fields}${msgId ? `<MsgId>${msgId}</MsgId>` : ''}</xml>`;

let t: TestHub;
afterEach(async () => t?.close());

function messagesOf(openId: string) {
  const customer = t.hub.store.customerByIdentity('wechat_openid', openId);
  const [conversation] = t.hub.store.customerConversations(customer?.id ?? '', 5);
  return conversation ? t.hub.store.messages(conversation.id) : [];
}

describe('WeChat safe mode', () => {
  const safe = { wechat: { token: TEST_WECHAT_TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode: 'safe' as const, welcome: '欢迎关注' } };

  it('takes an encrypted push whose msg_signature covers the ciphertext, and nothing unencrypted or forged', async () => {
    t = await startTestHub(safe);
    const ok = await encryptedPush(t.url, wechatTextXml('oWx_safe', '你好 <!DOCTYPE html> 是我写的', '7001'));
    expect(ok.status).toBe(200);
    expect(messagesOf('oWx_safe').map((m) => m.text)).toEqual(['你好 <!DOCTYPE html> 是我写的']);

    // A plain push with a valid query signature no longer authenticates a body.
    expect((await postWechat(t.url, wechatTextXml('oWx_forged', 'forged', '7002'))).status).toBe(401);
    // A msg_signature over another ciphertext, or a message for another AppID.
    expect((await encryptedPush(t.url, wechatTextXml('oWx_forged', 'forged', '7003'), { msgSignature: 'a'.repeat(40) })).status).toBe(401);
    expect((await encryptedPush(t.url, wechatTextXml('oWx_forged', 'forged', '7004'), { appId: 'wxSomeoneElse' })).status).toBe(400);
    expect(t.hub.store.customerByIdentity('wechat_openid', 'oWx_forged')).toBeNull();
  });

  it('refuses a replayed signature, on the verification GET too', async () => {
    t = await startTestHub(safe);
    const { url, body } = encryptedRequest(t.url, wechatTextXml('oWx_replay', 'one', '7101'));
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(409);
    const query = wechatQuery();
    expect(await (await fetch(`${t.url}/channels/wechat?${query}&echostr=e1`)).text()).toBe('e1');
    expect((await fetch(`${t.url}/channels/wechat?${query}&echostr=e1`)).status).toBe(409);
    expect(messagesOf('oWx_replay')).toHaveLength(1);
  });

  it('answers a new follower with an encrypted, signed welcome', async () => {
    t = await startTestHub(safe);
    const response = await encryptedPush(t.url, wx('oWx_follow', 'event', '<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_42]]></EventKey>', null));
    const body = await response.text();
    const get = (name: string) => new RegExp(`<${name}><!\\[CDATA\\[([^\\]]*)\\]\\]></${name}>`).exec(body)?.[1] ?? '';
    expect(get('MsgSignature')).toBe(sha1(TEST_WECHAT_TOKEN, get('TimeStamp'), get('Nonce'), get('Encrypt')));
    const inner = decrypt(get('Encrypt'));
    expect(inner).toContain('<ToUserName><![CDATA[oWx_follow]]></ToUserName>');
    expect(inner).toContain('<Content><![CDATA[欢迎关注]]></Content>');
    expect(t.hub.store.customerByIdentity('wechat_openid', 'oWx_follow')).not.toBeNull();
  });
});

describe('WeChat compatibility mode', () => {
  it('reads the encrypted copy and refuses a push whose clear copy says something else', async () => {
    t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode: 'compat' } });
    const xml = wechatTextXml('oWx_compat', '兼容模式', '7201');
    const clear = '<FromUserName><![CDATA[oWx_compat]]></FromUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[兼容模式]]></Content>';
    expect((await encryptedPush(t.url, xml, { clear })).status).toBe(200);
    expect(messagesOf('oWx_compat').map((m) => m.text)).toEqual(['兼容模式']);
    const lying = '<FromUserName><![CDATA[oWx_victim]]></FromUserName>';
    expect((await encryptedPush(t.url, wechatTextXml('oWx_compat', 'x', '7202'), { clear: lying })).status).toBe(400);
    expect((await postWechat(t.url, xml)).status).toBe(401);
  });
});

describe('WeChat message types (plain mode, for development)', () => {
  it('stores each type as what it is', async () => {
    t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN } });
    const id = 'oWx_types';
    const pushes = [
      wx(id, 'text', '<Content><![CDATA[<!DOCTYPE x> is just text here]]></Content>'),
      wx(id, 'voice', '<MediaId>v1</MediaId><Format>amr</Format><Recognition><![CDATA[我要退货]]></Recognition>'),
      wx(id, 'video', '<MediaId>vid1</MediaId><ThumbMediaId>th1</ThumbMediaId>'),
      wx(id, 'location', '<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[广州市天河区]]></Label>'),
      wx(id, 'link', '<Title><![CDATA[订单截图]]></Title><Description><![CDATA[看这个]]></Description><Url><![CDATA[https://example.com/o/1]]></Url>'),
      wx(id, 'event', '<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[HUMAN_AGENT]]></EventKey>', null),
      wx(id, 'event', '<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[store-7]]></EventKey><Ticket>tk</Ticket>', null),
      wx(id, 'event', '<Event><![CDATA[unsubscribe]]></Event>', null),
    ];
    for (const xml of pushes) expect((await postWechat(t.url, xml)).status).toBe(200);
    const messages = messagesOf(id);
    expect(messages.map((m) => [m.authorKind, m.text, m.attachments[0]?.mimeType ?? null])).toEqual([
      ['customer', '<!DOCTYPE x> is just text here', null],
      ['customer', '我要退货', 'audio/amr'],
      ['customer', '', 'video/mp4'],
      ['customer', '📍 广州市天河区 (23.134521, 113.358803)', null],
      ['customer', '🔗 订单截图\n看这个\nhttps://example.com/o/1', null],
      ['customer', 'Menu: HUMAN_AGENT', null],
      ['customer', 'QR code: store-7', null],
      ['system', 'Unfollowed the account: WeChat no longer delivers replies to them', null],
    ]);
    // A DOCTYPE outside CDATA is still refused, and stores nothing.
    const evil = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY e "x">]><xml><FromUserName>oWx_evil</FromUserName></xml>`;
    expect((await postWechat(t.url, evil)).status).toBe(400);
    expect(t.hub.store.customerByIdentity('wechat_openid', 'oWx_evil')).toBeNull();
  });
});
