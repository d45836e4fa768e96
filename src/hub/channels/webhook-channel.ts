import type { FastifyInstance } from 'fastify';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer } from '../../shared/domain/customer';
import type { Message } from '../../shared/domain/message';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import type { HubStore } from '../store/hub-store';
import { guardSignedRequest, hmacHex, parseJson, rawBodies, rejectReplay, sendError, SIGNATURE_HEADER } from './channel-http';
import type { RateLimiter } from './rate-limit';
import { isWebhookPlatform, webhookPlatforms } from './webhook-platforms';

export const WEBHOOK_QUEUE = 'chat';
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

export interface WebhookChannelDeps {
  store: HubStore;
  conversations: ConversationService;
  secret: string | undefined;
  /** Where replies to each platform are posted (signed the same way); none configured means replies stay in the hub. */
  outboundUrls: Record<string, string>;
  limiter: RateLimiter;
  log: Logger;
}

/** Signed JSON webhooks from e-commerce and other platforms: `/channels/webhook/<platform>`. */
export async function registerWebhookChannel(app: FastifyInstance, deps: WebhookChannelDeps): Promise<void> {
  const { conversations, log } = deps;

  conversations.onOutbound((message: Message, _c: Conversation, customer: Customer) => {
    if (message.channel !== 'webhook' || !deps.secret) return;
    const user = customer.identities.find((i) => i.kind === 'platform_user');
    const [platform, ...rest] = user?.value.split(':') ?? [];
    const url = platform ? deps.outboundUrls[platform] : undefined;
    if (!url || !platform) return;
    const body = JSON.stringify({ messageId: message.id, userId: rest.join(':'), text: message.text, at: message.createdAt });
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: `sha256=${hmacHex(deps.secret, body)}` },
      body,
      signal: AbortSignal.timeout(10_000),
    })
      .then((r) => {
        if (!r.ok) log.log('warn', 'webhook reply refused', { platform, status: r.status });
      })
      .catch((cause: unknown) => log.log('warn', 'webhook reply failed', { platform, detail: cause instanceof Error ? cause.message : String(cause) }));
  });

  await app.register(async (scope) => {
    rawBodies(scope, ['application/json'], WEBHOOK_BODY_LIMIT);
    scope.post<{ Params: { platform: string } }>('/channels/webhook/:platform', async (req, reply) => {
      const { platform } = req.params;
      if (!isWebhookPlatform(platform)) return sendError(reply, 404, 'not_found', 'unknown platform');
      if (!guardSignedRequest(req, reply, { limiter: deps.limiter, secret: deps.secret, signature: () => req.headers[SIGNATURE_HEADER] })) return reply;
      const json = parseJson(req.body);
      if (json === undefined) return sendError(reply, 400, 'malformed_frame', 'the body is not valid JSON');
      const parsed = webhookPlatforms[platform].safeParse(json);
      if (!parsed.success) {
        log.log('warn', 'webhook refused', { platform, detail: describeZodError(parsed.error) });
        return sendError(reply, 400, 'invalid_argument', describeZodError(parsed.error));
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
        extraIdentities: m.phone ? [{ kind: 'phone', value: m.phone, verified: true }] : [],
        customerName: m.userName,
        text: m.text,
        key,
        queue: WEBHOOK_QUEUE,
        orderIds: m.orderId ? [m.orderId] : [],
      });
      if (!result.ok) return sendError(reply, 400, result.error.code, result.error.message);
      const { message, conversation, duplicate } = result.value;
      return reply.status(duplicate ? 200 : 202).send({ ok: true, messageId: message.id, conversationId: conversation.id, ...(duplicate ? { duplicate } : {}) });
    });
  });
}
