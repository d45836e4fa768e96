import { createHash, createHmac, randomUUID } from 'node:crypto';

export const TEST_WECHAT_TOKEN = 'wechat-test-token';
/** One secret per platform and one for email, as a real hub is configured (each integration can forge only itself). */
export const TEST_CHANNEL_SECRETS = {
  webhookSecrets: {
    generic: 'generic-webhook-secret-0123456789',
    taobao: 'taobao-webhook-secret-0123456789',
    jd: 'jd-webhook-secret-0123456789-abcd',
  },
  emailSecret: 'email-webhook-secret-0123456789',
} as const;

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

/** What a signed channel request is for: `webhook:<platform>`, `order-event:<platform>` or `email`, taken from the endpoint's path. */
export function signedContextOf(url: string): string {
  const path = new URL(url).pathname;
  const events = /^\/channels\/webhook\/([^/]+)\/order-events$/.exec(path)?.[1];
  if (events) return `order-event:${events}`;
  const platform = /^\/channels\/webhook\/([^/]+)$/.exec(path)?.[1];
  return platform ? `webhook:${platform}` : 'email';
}

function secretFor(context: string): string {
  if (context === 'email') return TEST_CHANNEL_SECRETS.emailSecret;
  // A platform signs its order events with the same secret as its messages.
  const platform = context.slice(context.indexOf(':') + 1) as keyof typeof TEST_CHANNEL_SECRETS.webhookSecrets;
  return TEST_CHANNEL_SECRETS.webhookSecrets[platform] ?? 'no-secret-for-this-platform';
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.context.body">`, the way an integration signs. */
export function signBody(body: string, context = 'webhook:generic', secret = secretFor(context), at = Math.floor(Date.now() / 1000)): string {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${context}.${body}`).digest('hex')}`;
}

export function postSigned(url: string, body: string, signature: string | null = signBody(body, signedContextOf(url))): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-switchboard-signature': signature } : {}) },
    body,
  });
}

/** What an embedding website computes for a signed-in visitor: HMAC over visitor id, phone, email and expiry. */
export function signWidgetIdentity(secret: string, who: { visitorId: string; phone?: string; email?: string; expires: number }): string {
  return createHmac('sha256', secret).update(`v1|${who.visitorId}|${who.phone ?? ''}|${who.email ?? ''}|${who.expires}`).digest('hex');
}
