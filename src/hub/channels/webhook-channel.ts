import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import type { HubStore } from '../store/hub-store';
import type { Peer } from '../store/hub-store';
import type { OutboundDelivery } from '../jobs/outbound-delivery';
import { guardSignedRequest, parseJson, rawBodies, rejectReplay, sendError, signChannelBody, SIGNATURE_HEADER } from './channel-http';
import type { Budget } from '../http/limits';
import { isWebhookPlatform, webhookPlatforms } from './webhook-platforms';

export const WEBHOOK_QUEUE = 'chat';
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

export interface WebhookChannelDeps {
  store: HubStore;
  conversations: ConversationService;
  /** One secret per platform: an integration can sign only for itself. */
  secrets: Partial<Record<string, string>>;
  /** Where replies to each platform are posted (signed the same way); none configured means replies stay in the hub. */
  outboundUrls: Record<string, string>;
  limiter: Budget;
  /** Replies to platforms are delivered as jobs, with retries. */
  delivery: Pick<OutboundDelivery, 'register'>;
  log: Logger;
}

/** Signed JSON webhooks from e-commerce and other platforms: `/channels/webhook/<platform>`. */
export async function registerWebhookChannel(app: FastifyInstance, deps: WebhookChannelDeps): Promise<void> {
  const { conversations, log } = deps;

  const target = (to: Peer): { platform: string; userId: string; url: string; secret: string } | null => {
    if (to.kind !== 'platform_user') return null;
    const [platform, ...rest] = to.value.split(':');
    const url = platform ? deps.outboundUrls[platform] : undefined;
    const secret = platform ? deps.secrets[platform] : undefined;
    return platform && url && secret ? { platform, userId: rest.join(':'), url, secret } : null;
  };
  deps.delivery.register('webhook', {
    accepts: (to) => target(to) !== null,
    async send(message, _conversation, to, signal) {
      const t = target(to);
      if (!t) throw new Error('no outbound URL for this platform');
      // The platform de-duplicates by messageId: a retry after a lost answer is the same reply, not a second one.
      const body = JSON.stringify({ messageId: message.id, userId: t.userId, text: message.text, at: message.createdAt });
      const response = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signChannelBody(t.secret, `reply:${t.platform}`, body, Math.floor(Date.now() / 1000)) },
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the platform ${t.platform} answered ${response.status}`);
    },
  });

  await app.register(async (scope) => {
    rawBodies(scope, ['application/json'], WEBHOOK_BODY_LIMIT);
    scope.post<{ Params: { platform: string } }>('/channels/webhook/:platform', async (req, reply) => {
      const { platform } = req.params;
      if (!isWebhookPlatform(platform)) return sendError(reply, 'not_found', 'unknown platform');
      const signed = { limiter: deps.limiter, secret: deps.secrets[platform], context: `webhook:${platform}`, signature: () => req.headers[SIGNATURE_HEADER] };
      if (!(await guardSignedRequest(req, reply, signed))) return reply;
      const json = parseJson(req.body);
      if (json === undefined) return sendError(reply, 'malformed_frame', 'the body is not valid JSON');
      const parsed = webhookPlatforms[platform].safeParse(json);
      if (!parsed.success) {
        log.log('warn', 'webhook refused', { platform, detail: describeZodError(parsed.error) });
        return sendError(reply, 'invalid_argument', describeZodError(parsed.error));
      }
      const m = parsed.data;
      const key = `webhook:${platform}:${m.messageId}`;
      // A platform redelivers until it hears 2xx: a message it already delivered is answered as stored, however it comes.
      const stored = deps.store.messageByKey(key);
      if (stored) return reply.status(200).send({ ok: true, messageId: stored.id, conversationId: stored.conversationId, duplicate: true });
      if (rejectReplay(reply, deps.store, `webhook:${String(req.headers[SIGNATURE_HEADER])}`)) return reply;
      const result = conversations.ingest({
        channel: 'webhook',
        identity: { kind: 'platform_user', value: `${platform}:${m.userId}`, verified: true },
        extraIdentities: [
          ...(m.verifiedPhone ? [{ kind: 'phone' as const, value: m.verifiedPhone, verified: true }] : []),
          ...(m.claimedPhone ? [{ kind: 'phone' as const, value: m.claimedPhone, verified: false }] : []),
        ],
        customerName: m.userName,
        text: m.text,
        key,
        queue: WEBHOOK_QUEUE,
        orderIds: m.orderId ? [m.orderId] : [],
      });
      if (!result.ok) return sendError(reply, result.error.code, result.error.message);
      const { message, conversation, duplicate } = result.value;
      return reply.status(duplicate ? 200 : 202).send({ ok: true, messageId: message.id, conversationId: conversation.id, ...(duplicate ? { duplicate } : {}) });
    });
  });
}
