import type { Channel } from '../../shared/domain/channel';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import { newId } from '../ids';
import type { HubStore } from '../store/hub-store';
import { rawBodies, rejectReplay, safeEqual, sendError } from './channel-http';
import type { Budget } from '../http/limits';
import type { createWechatApi } from './wechat-api';
import { parseWechatXml, wechatInboundSchema, type WechatInbound } from './wechat-xml';

export const WECHAT_QUEUE = 'chat';
export const WECHAT_BODY_LIMIT = 64 * 1024;
/** WeChat signs with a timestamp; older requests are refused so a captured one cannot be replayed later. */
const MAX_SKEW_SECONDS = 300;

const querySchema = z.object({
  signature: z.string().regex(/^[0-9a-f]{40}$/),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
  echostr: z.string().max(256).optional(),
});

export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export interface WechatChannelDeps {
  store: HubStore;
  conversations: ConversationService;
  token: string | undefined;
  api: ReturnType<typeof createWechatApi> | null;
  limiter: Budget;
  /** Counts a reply its channel refused or that could not be sent (the hub's /metrics). */
  deliveryFailed?: (channel: Channel) => void;
  log: Logger;
  now?: () => number;
  /** Sees a follower's text first; true when it was handled (a digit answering a satisfaction survey) and opens no conversation. */
  beforeIngest?: (openId: string, text: string) => boolean;
}

function toInbound(m: WechatInbound): { text: string; attachments: Array<{ id: string; name: string; mimeType: string; size: number; url: string }> } | null {
  switch (m.MsgType) {
    case 'text':
      return { text: m.Content, attachments: [] };
    case 'image':
      return { text: '', attachments: [{ id: `wx_${m.MediaId}`.slice(0, 100), name: 'image.jpg', mimeType: 'image/jpeg', size: 0, url: m.PicUrl }] };
    case 'voice':
      return {
        text: m.Recognition ?? '',
        attachments: [{ id: `wx_${m.MediaId}`.slice(0, 100), name: `voice.${m.Format}`, mimeType: `audio/${m.Format.toLowerCase()}`, size: 0, url: '' }],
      };
    case 'event':
      return null;
  }
}

/** The WeChat Official Account channel: URL verification, signed XML in, customer-service messages out. */
export async function registerWechatChannel(app: FastifyInstance, deps: WechatChannelDeps): Promise<void> {
  const { conversations, log } = deps;
  const now = deps.now ?? Date.now;

  conversations.onOutbound((message, _c, _customer, to) => {
    if (message.channel !== 'wechat' || !deps.api || to.kind !== 'wechat_openid') return;
    deps.api.sendText(to.value, message.text).catch((cause: unknown) => {
      deps.deliveryFailed?.('wechat');
      log.log('warn', 'WeChat reply failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    });
  });

  /** Checks the query signature, then spends the sender's budget (never before: junk must not use up WeChat's); answers the refusal itself. */
  async function verify(query: unknown, reply: FastifyReply, ip: string): Promise<z.infer<typeof querySchema> | null> {
    const refused = async (message: string): Promise<null> => {
      if (!(await deps.limiter.take(`refused:${ip}`))) sendError(reply, 429, 'rate_limited', 'too many refused requests, slow down');
      else sendError(reply, 401, 'unauthenticated', message);
      return null;
    };
    if (!deps.token) {
      sendError(reply, 403, 'permission_denied', 'WeChat is not configured on the hub');
      return null;
    }
    const q = querySchema.safeParse(query);
    if (!q.success) return refused(`missing or malformed signature: ${describeZodError(q.error)}`);
    if (!safeEqual(q.data.signature, wechatSignature(deps.token, q.data.timestamp, q.data.nonce))) return refused('wrong signature');
    if (Math.abs(now() / 1000 - Number(q.data.timestamp)) > MAX_SKEW_SECONDS) return refused('the signed timestamp is too old');
    if (!(await deps.limiter.take(`wechat:${ip}`))) {
      sendError(reply, 429, 'rate_limited', 'too many requests, slow down');
      return null;
    }
    return q.data;
  }

  await app.register(async (scope) => {
    rawBodies(scope, ['text/xml', 'application/xml'], WECHAT_BODY_LIMIT);
    scope.get('/channels/wechat', async (req, reply) => {
      const q = await verify(req.query, reply, req.ip);
      if (!q) return reply;
      if (!q.echostr) return sendError(reply, 400, 'invalid_argument', 'echostr is required');
      return reply.type('text/plain').send(q.echostr);
    });
    scope.post('/channels/wechat', async (req, reply) => {
      const q = await verify(req.query, reply, req.ip);
      if (!q) return reply;
      if (!Buffer.isBuffer(req.body)) return sendError(reply, 400, 'invalid_argument', 'the request has no body');
      const fields = parseWechatXml(req.body.toString('utf8'));
      if (!fields) return sendError(reply, 400, 'malformed_frame', 'the body is not a WeChat XML message');
      const parsed = wechatInboundSchema.safeParse(fields);
      if (!parsed.success) return sendError(reply, 400, 'invalid_argument', describeZodError(parsed.error));
      if (rejectReplay(reply, deps.store, `wechat:${q.signature}:${q.nonce}`)) return reply;
      const m = parsed.data;
      const inbound = toInbound(m);
      if (!inbound) {
        if (m.MsgType === 'event' && m.Event === 'subscribe' && !deps.store.customerByIdentity('wechat_openid', m.FromUserName)) {
          // A new follower is a known customer from now on, before they write a word.
          const customer = {
            id: newId('cus'),
            name: m.FromUserName.slice(0, 40),
            tags: [],
            identities: [{ kind: 'wechat_openid' as const, value: m.FromUserName, verified: true }],
            createdAt: now(),
            mergedInto: null,
          };
          deps.store.transaction(() => {
            deps.store.insertCustomer(customer);
            conversations.publish({ kind: 'customer.upserted', customer });
          });
          log.log('info', 'WeChat follower subscribed', { customer: customer.id });
        }
        return reply.type('text/plain').send('success');
      }
      if (m.MsgType === 'text' && deps.beforeIngest?.(m.FromUserName, m.Content)) return reply.type('text/plain').send('success');
      const result = conversations.ingest({
        channel: 'wechat',
        identity: { kind: 'wechat_openid', value: m.FromUserName, verified: true },
        text: inbound.text,
        attachments: inbound.attachments,
        key: m.MsgType === 'event' ? null : `wechat:${m.MsgId}`,
        queue: WECHAT_QUEUE,
      });
      if (!result.ok) return sendError(reply, 400, result.error.code, result.error.message);
      // "success" tells WeChat not to retry; the reply comes later through the customer-service API.
      return reply.type('text/plain').send('success');
    });
  });
}
