import fc from 'fast-check';
import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWechatXml } from '../../src/hub/channels/wechat-xml';
import { signBody, signedContextOf, TEST_CHANNEL_SECRETS, TEST_WECHAT_TOKEN, wechatQuery } from '../../src/hub/harness/channel-requests';
import { startTestHub, type TestHub } from '../../src/hub/harness/test-hub';
import { contentCounts, fuzzParams, heapMiB, hostileBody, hostileString, mutated, reportCases, tick } from './fuzz-kit';

const hubs: TestHub[] = [];
afterAll(async () => {
  reportCases();
  for (const h of hubs) await h.close();
});

const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const APP_ID = 'wxswitchboardfuzz';

/** WeChat's side of safe mode, written with node:crypto (as wechat-modes.test.ts does). */
function sealed(xml: string): string {
  const key = Buffer.from(`${AES_KEY}=`, 'base64');
  const body = Buffer.from(xml);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), len, body, Buffer.from(APP_ID)]);
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
}
const sha1 = (...p: string[]) => createHash('sha1').update([...p].sort().join('')).digest('hex');

/** Field sets WeChat sends, to mutate: each a valid message of one type. */
const wechatFields: Array<Record<string, string>> = [
  { ToUserName: 'gh', FromUserName: 'oWx_fuzz', CreateTime: '1', MsgType: 'text', Content: '你好', MsgId: '1' },
  { ToUserName: 'gh', FromUserName: 'oWx_fuzz', CreateTime: '1', MsgType: 'image', PicUrl: 'http://127.0.0.1/p.jpg', MediaId: 'm', MsgId: '2' },
  { ToUserName: 'gh', FromUserName: 'oWx_fuzz', CreateTime: '1', MsgType: 'voice', MediaId: 'm', Format: 'amr', Recognition: '退货', MsgId: '3' },
  { ToUserName: 'gh', FromUserName: 'oWx_fuzz', CreateTime: '1', MsgType: 'location', Location_X: '23.1', Location_Y: '113.3', Label: 'x', MsgId: '4' },
  { ToUserName: 'gh', FromUserName: 'oWx_fuzz', CreateTime: '1', MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_1' },
];
const toXml = (fields: Record<string, unknown>) =>
  `<xml>${Object.entries(fields)
    .map(([k, val]) => `<${k}><![CDATA[${typeof val === 'string' ? val : JSON.stringify(val)}]]></${k}>`)
    .join('')}</xml>`;
const wechatXml: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...wechatFields).chain((f) => mutated(f)).map(toXml),
  hostileBody.map((b) => b.toString()),
  hostileString.map((s) => `<xml><ToUserName>gh</ToUserName>${s}</xml>`),
);

/** Posts, checks no 5xx and, when refused, that nothing was stored. */
async function post(t: TestHub, boundary: string, url: string, body: string, headers: Record<string, string>): Promise<void> {
  const stored = contentCounts(t.dataDir);
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) }).catch(() => ({ status: 413, text: async () => '' }));
  tick(boundary);
  expect(response.status, await response.text()).toBeLessThan(500);
  if (response.status >= 400) expect(contentCounts(t.dataDir)).toEqual(stored);
}

describe('fuzz: webhook parsers', () => {
  it('the WeChat XML reader never throws: a flat record of strings or null', () => {
    fc.assert(
      fc.property(fc.oneof(wechatXml, fc.string({ unit: 'binary', maxLength: 500 })), (xml) => {
        const fields = parseWechatXml(xml);
        tick('wechat xml reader');
        expect(fields === null || Object.values(fields).every((x) => typeof x === 'string')).toBe(true);
      }),
      fuzzParams(20),
    );
  });

  for (const mode of ['plain', 'compat', 'safe'] as const) {
    it(`WeChat ${mode} mode: correctly signed pushes of generated and mutated XML`, async () => {
      const t = await startTestHub({ wechat: { token: TEST_WECHAT_TOKEN, appId: APP_ID, ...(mode === 'plain' ? {} : { encodingAesKey: AES_KEY }), mode } });
      hubs.push(t);
      const before = heapMiB();
      await fc.assert(
        fc.asyncProperty(wechatXml, async (xml) => {
          if (mode === 'plain') return post(t, `wechat ${mode}`, `${t.url}/channels/wechat?${wechatQuery()}`, xml, { 'content-type': 'text/xml' });
          const timestamp = String(Math.floor(Date.now() / 1000));
          const nonce = randomUUID();
          const enc = sealed(xml);
          const query = new URLSearchParams({ timestamp, nonce, encrypt_type: 'aes', msg_signature: sha1(TEST_WECHAT_TOKEN, timestamp, nonce, enc), signature: sha1(TEST_WECHAT_TOKEN, timestamp, nonce) });
          return post(t, `wechat ${mode}`, `${t.url}/channels/wechat?${query}`, `<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`, { 'content-type': 'text/xml' });
        }),
        fuzzParams(1),
      );
      expect(heapMiB() - before).toBeLessThan(64);
    });
  }

  it('platform JSON and inbound email: correctly signed, generated and mutated bodies', async () => {
    const t = await startTestHub(TEST_CHANNEL_SECRETS);
    hubs.push(t);
    const templates: Array<[string, Record<string, unknown>]> = [
      ['/channels/webhook/generic', { messageId: 'g-1', userId: 'u-1', userName: '小王', text: '在吗', orderId: '202601050001' }],
      ['/channels/webhook/taobao', { msg_id: 'tb-1', buyer_id: 'b-1', buyer_nick: '小李', content: '发货了吗', receiver_mobile: '13800138000' }],
      ['/channels/webhook/jd', { msgId: 'jd-1', customerPin: 'p-1', content: 'hi', orderId: '202601050001' }],
      ['/channels/webhook/taobao/order-events', { eventId: 'ev-1', type: 'shipment_delayed', orderId: '202601050001', language: 'zh-CN', data: { eta: '明天', carrier: 'SF' } }],
      ['/channels/email/inbound', { MessageID: 'm-1@example.com', From: 'A <a@example.com>', FromFull: { Email: 'a@example.com', Name: 'A' }, Subject: 's', TextBody: 'b' }],
    ];
    const before = heapMiB();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...templates).chain(([path, tpl]) => fc.tuple(fc.constant(path), fc.oneof(mutated(tpl).map((b) => JSON.stringify(b)), hostileBody.map((b) => b.toString())))),
        async ([path, body]) => {
          const url = `${t.url}${path}`;
          const boundary = path.startsWith('/channels/email') ? 'inbound email' : path.endsWith('/order-events') ? 'order events' : `webhook ${path.split('/').at(-1) ?? ''}`;
          await post(t, boundary, url, body, {
            'content-type': 'application/json',
            'x-switchboard-signature': signBody(body, signedContextOf(url)),
          });
        },
      ),
      fuzzParams(3),
    );
    expect(heapMiB() - before).toBeLessThan(64);
  });
});
