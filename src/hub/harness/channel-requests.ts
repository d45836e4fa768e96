import { createHash, createHmac, randomUUID } from 'node:crypto';

export const TEST_WECHAT_TOKEN = 'wechat-test-token';
export const TEST_WEBHOOK_SECRET = 'webhook-test-secret-0123456789';

export function wechatQuery(token = TEST_WECHAT_TOKEN, timestamp = String(Math.floor(Date.now() / 1000)), nonce = randomUUID()): string {
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return new URLSearchParams({ signature, timestamp, nonce }).toString();
}

export function wechatTextXml(openId: string, content: string, msgId: string): string {
  return `<xml><ToUserName><![CDATA[gh_switchboard]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

export function postWechat(hubUrl: string, xml: string, query = wechatQuery()): Promise<Response> {
  return fetch(`${hubUrl}/channels/wechat?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml });
}

export const signBody = (body: string, secret = TEST_WEBHOOK_SECRET): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export function postSigned(url: string, body: string, signature: string | null = signBody(body)): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-switchboard-signature': signature } : {}) },
    body,
  });
}
