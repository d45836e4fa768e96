import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import { newId } from '../ids';
import type { HubStore } from '../store/hub-store';
import type { OutboundDelivery } from '../jobs/outbound-delivery';
import { rawBodies, rejectReplay, safeEqual, sendError } from './channel-http';
import type { Budget } from '../http/limits';
import type { createWechatApi } from './wechat-api';
import { createWechatCipher, wechatSha1, type WechatCipher } from './wechat-crypto';
import { wechatAction } from './wechat-inbound';
import { buildWechatXml, parseWechatXml, wechatEnvelopeSchema, wechatInboundSchema, type WechatInbound } from './wechat-xml';

export const WECHAT_QUEUE = 'chat';
export const WECHAT_BODY_LIMIT = 64 * 1024;
/** WeChat signs with a timestamp; older requests are refused, and a signature is single-use while it is valid. */
const MAX_SKEW_SECONDS = 300;

/**
 * How the Official Account is set up in WeChat's console (消息加解密方式): `plain` (明文, development only: the
 * signature does not cover the body), `compat` (兼容: WeChat sends the message in clear and encrypted; the hub
 * reads only the encrypted copy and refuses a push whose clear copy differs) or `safe` (安全: encrypted only).
 */
export type WechatMode = 'plain' | 'compat' | 'safe';

const querySchema = z.object({
  signature: z.string().regex(/^[0-9a-f]{40}$/).optional(),
  msg_signature: z.string().regex(/^[0-9a-f]{40}$/).optional(),
  encrypt_type: z.enum(['aes', 'raw']).optional(),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
  echostr: z.string().max(256).optional(),
  openid: z.string().max(128).optional(),
});
type Query = z.infer<typeof querySchema>;

export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return wechatSha1(token, timestamp, nonce);
}

export interface WechatChannelDeps {
  store: HubStore;
  conversations: ConversationService;
  token: string | undefined;
  mode?: WechatMode;
  /** The account's AppID and EncodingAESKey: required in compat and safe mode. */
  appId?: string;
  encodingAesKey?: string;
  /** Sent back at once (a passive reply, encrypted unless in plain mode) to someone who follows the account. */
  welcome?: string;
  api: ReturnType<typeof createWechatApi> | null;
  limiter: Budget;
  /** Customer-service messages are delivered as jobs, with retries. */
  delivery: Pick<OutboundDelivery, 'register'>;
  log: Logger;
  now?: () => number;
  /** Sees a follower's text first; true when it was handled (a digit answering a satisfaction survey) and opens no conversation. */
  beforeIngest?: (openId: string, text: string) => boolean;
}

/** The WeChat Official Account channel: URL verification, signed (and in safe mode encrypted) XML in, customer-service messages out. */
export async function registerWechatChannel(app: FastifyInstance, deps: WechatChannelDeps): Promise<void> {
  const { conversations, log, store } = deps;
  const now = deps.now ?? Date.now;
  const mode = deps.mode ?? 'plain';
  if (mode !== 'plain' && (!deps.encodingAesKey || !deps.appId)) throw new Error(`WeChat ${mode} mode needs WECHAT_APP_ID and WECHAT_ENCODING_AES_KEY`);
  const cipher: WechatCipher | null = deps.encodingAesKey && deps.appId ? createWechatCipher(deps.encodingAesKey, deps.appId) : null;

  deps.delivery.register('wechat', {
    accepts: (to) => deps.api !== null && to.kind === 'wechat_openid',
    async send(message, _conversation, to) {
      if (!deps.api) throw new Error('WeChat is not configured');
      await deps.api.sendText(to.value, message.text);
    },
  });

  async function refused(reply: FastifyReply, ip: string, message: string): Promise<null> {
    if (!(await deps.limiter.take(`refused:${ip}`))) sendError(reply, 'rate_limited', 'too many refused requests, slow down');
    else sendError(reply, 'unauthenticated', message);
    return null;
  }

  /** Checks the query's shape and time; the signature itself is checked by the caller (it may cover the body). */
  async function signedQuery(query: unknown, reply: FastifyReply, ip: string): Promise<Query | null> {
    if (!deps.token) {
      sendError(reply, 'permission_denied', 'WeChat is not configured on the hub');
      return null;
    }
    const q = querySchema.safeParse(query);
    if (!q.success) return refused(reply, ip, `missing or malformed signature: ${describeZodError(q.error)}`);
    if (Math.abs(now() / 1000 - Number(q.data.timestamp)) > MAX_SKEW_SECONDS) return refused(reply, ip, 'the signed timestamp is too old');
    return q.data;
  }

  /** Only after the signature: the sender's budget (junk never spends WeChat's). */
  async function spend(reply: FastifyReply, ip: string): Promise<boolean> {
    if (await deps.limiter.take(`wechat:${ip}`)) return true;
    sendError(reply, 'rate_limited', 'too many requests, slow down');
    return false;
  }

  /** The message the push carries, once its signature is good; answers the refusal itself and returns null otherwise. */
  async function openPush(q: Query, body: string, reply: FastifyReply, ip: string): Promise<{ fields: Record<string, string>; replayKey: string } | null> {
    const token = deps.token ?? '';
    const fields = parseWechatXml(body);
    if (q.encrypt_type !== 'aes') {
      if (mode !== 'plain') return refused(reply, ip, `the account is in ${mode} mode: pushes must be encrypted (encrypt_type=aes)`);
      if (!q.signature || !safeEqual(q.signature, wechatSignature(token, q.timestamp, q.nonce))) return refused(reply, ip, 'wrong signature');
      if (!fields) {
        sendError(reply, 'malformed_frame', 'the body is not a WeChat XML message');
        return null;
      }
      return { fields, replayKey: `wechat:${q.signature}:${q.nonce}` };
    }
    if (!cipher) {
      sendError(reply, 'invalid_argument', 'encrypted pushes need WECHAT_APP_ID and WECHAT_ENCODING_AES_KEY on the hub');
      return null;
    }
    const envelope = wechatEnvelopeSchema.safeParse(fields);
    if (!fields || !envelope.success) {
      if (!q.msg_signature) return refused(reply, ip, 'msg_signature is missing');
      sendError(reply, 'malformed_frame', 'the body is not an encrypted WeChat message');
      return null;
    }
    const encrypted = envelope.data.Encrypt;
    if (!q.msg_signature || !safeEqual(q.msg_signature, wechatSha1(token, q.timestamp, q.nonce, encrypted))) return refused(reply, ip, 'wrong msg_signature');
    let inner: Record<string, string> | null;
    try {
      inner = parseWechatXml(cipher.decrypt(encrypted));
    } catch (cause) {
      sendError(reply, 'invalid_argument', `the encrypted message cannot be read: ${cause instanceof Error ? cause.message : 'bad data'}`);
      return null;
    }
    if (!inner) {
      sendError(reply, 'malformed_frame', 'the decrypted body is not a WeChat XML message');
      return null;
    }
    // Compatibility mode: the clear copy beside the encrypted one is not signed, so it may not say anything else.
    for (const [name, value] of Object.entries(fields)) {
      if (name !== 'Encrypt' && name in inner && inner[name] !== value) {
        sendError(reply, 'invalid_argument', `the clear ${name} differs from the encrypted message`);
        return null;
      }
    }
    return { fields: inner, replayKey: `wechat:${q.msg_signature}:${q.nonce}` };
  }

  /** A passive reply: plain XML in plain mode, otherwise encrypted and signed as WeChat requires. */
  function passiveReply(m: WechatInbound, text: string): string {
    const xml = buildWechatXml({ ToUserName: m.FromUserName, FromUserName: m.ToUserName, CreateTime: Math.floor(now() / 1000), MsgType: 'text', Content: text });
    if (mode === 'plain' || !cipher) return xml;
    const encrypted = cipher.encrypt(xml);
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    return buildWechatXml({ Encrypt: encrypted, MsgSignature: wechatSha1(deps.token ?? '', timestamp, nonce, encrypted), TimeStamp: timestamp, Nonce: nonce });
  }

  function ensureCustomer(openId: string) {
    const known = store.customerByIdentity('wechat_openid', openId);
    if (known) return known;
    const customer = {
      id: newId('cus'),
      name: openId.slice(0, 40),
      tags: [],
      identities: [{ kind: 'wechat_openid' as const, value: openId, verified: true }],
      createdAt: now(),
      mergedInto: null,
    };
    store.transaction(() => {
      store.insertCustomer(customer);
      conversations.publish({ kind: 'customer.upserted', customer });
    });
    return customer;
  }

  await app.register(async (scope) => {
    rawBodies(scope, ['text/xml', 'application/xml'], WECHAT_BODY_LIMIT);
    scope.get('/channels/wechat', async (req, reply) => {
      const q = await signedQuery(req.query, reply, req.ip);
      if (!q) return reply;
      if (!q.signature || !safeEqual(q.signature, wechatSignature(deps.token ?? '', q.timestamp, q.nonce))) return refused(reply, req.ip, 'wrong signature');
      if (!(await spend(reply, req.ip))) return reply;
      if (!q.echostr) return sendError(reply, 'invalid_argument', 'echostr is required');
      // The verification's signature is single-use too: a captured one authenticates nothing later.
      if (rejectReplay(reply, store, `wechat:${q.signature}:${q.nonce}`)) return reply;
      return reply.type('text/plain').send(q.echostr);
    });
    scope.post('/channels/wechat', async (req, reply) => {
      const q = await signedQuery(req.query, reply, req.ip);
      if (!q) return reply;
      if (!Buffer.isBuffer(req.body)) return sendError(reply, 'invalid_argument', 'the request has no body');
      const push = await openPush(q, req.body.toString('utf8'), reply, req.ip);
      if (!push) return reply;
      if (!(await spend(reply, req.ip))) return reply;
      const parsed = wechatInboundSchema.safeParse(push.fields);
      if (!parsed.success) return sendError(reply, 'invalid_argument', describeZodError(parsed.error));
      if (rejectReplay(reply, store, push.replayKey)) return reply;
      const m = parsed.data;
      const action = wechatAction(m);
      switch (action.kind) {
        case 'ignore':
          return reply.type('text/plain').send('success');
        case 'follow': {
          // A new follower is a known customer from now on, before they write a word.
          const customer = ensureCustomer(m.FromUserName);
          const open = store.openTextConversation(customer.id);
          if (open) conversations.systemNote(open.id, action.scene ? `Followed the account (QR code ${action.scene})` : 'Followed the account');
          log.log('info', 'WeChat follower subscribed', { customer: customer.id });
          if (deps.welcome) return reply.type('application/xml').send(passiveReply(m, deps.welcome));
          return reply.type('text/plain').send('success');
        }
        case 'unfollow': {
          const customer = store.customerByIdentity('wechat_openid', m.FromUserName);
          const open = customer ? store.openTextConversation(customer.id) : null;
          if (open) conversations.systemNote(open.id, 'Unfollowed the account: WeChat no longer delivers replies to them');
          return reply.type('text/plain').send('success');
        }
        case 'message': {
          if (m.MsgType === 'text' && deps.beforeIngest?.(m.FromUserName, action.text)) return reply.type('text/plain').send('success');
          const result = conversations.ingest({
            channel: 'wechat',
            identity: { kind: 'wechat_openid', value: m.FromUserName, verified: true },
            text: action.text,
            attachments: action.attachments,
            key: action.key,
            queue: WECHAT_QUEUE,
          });
          if (!result.ok) return sendError(reply, result.error.code, result.error.message);
          // "success" tells WeChat not to retry; the reply comes later through the customer-service API.
          return reply.type('text/plain').send('success');
        }
      }
    });
  });
}
