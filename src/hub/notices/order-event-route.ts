import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import { guardSignedRequest, parseJson, rawBodies, sendError, SIGNATURE_HEADER } from '../channels/channel-http';
import { isWebhookPlatform } from '../channels/webhook-platforms';
import type { Budget } from '../http/limits';
import type { NoticeService } from './notice-service';
import { orderEventSchema } from './order-event';

export const ORDER_EVENT_BODY_LIMIT = 16 * 1024;

export interface OrderEventRouteDeps {
  notices: NoticeService;
  /** The platforms' webhook secrets: an order event is signed like the platform's messages (context `order-event:<platform>`). */
  secrets: Partial<Record<string, string>>;
  limiter: Budget;
  log: Logger;
}

/** `POST /channels/webhook/<platform>/order-events`: a platform tells the hub what happened to an order. */
export async function registerOrderEventRoute(app: FastifyInstance, deps: OrderEventRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    rawBodies(scope, ['application/json'], ORDER_EVENT_BODY_LIMIT);
    scope.post<{ Params: { platform: string } }>('/channels/webhook/:platform/order-events', async (req, reply) => {
      const { platform } = req.params;
      if (!isWebhookPlatform(platform)) return sendError(reply, 'not_found', 'unknown platform');
      const context = `order-event:${platform}`;
      if (!(await guardSignedRequest(req, reply, { limiter: deps.limiter, secret: deps.secrets[platform], context, signature: () => req.headers[SIGNATURE_HEADER] }))) {
        return reply;
      }
      const json = parseJson(req.body);
      if (json === undefined) return sendError(reply, 'malformed_frame', 'the body is not valid JSON');
      const parsed = orderEventSchema.safeParse(json);
      if (!parsed.success) {
        deps.log.log('warn', 'order event refused', { platform, detail: describeZodError(parsed.error) });
        return sendError(reply, 'invalid_argument', describeZodError(parsed.error));
      }
      const event = parsed.data;
      // No replay record is kept: a replayed request is the same event id, answered as the notice already stored,
      // and a refused event leaves nothing behind.
      const result = deps.notices.receive(platform, event);
      if (!result.ok) {
        deps.log.log('warn', 'order event refused', { platform, type: event.type, code: result.error.code });
        return sendError(reply, result.error.code, result.error.message);
      }
      const { notice, delivery, duplicate } = result.value;
      return reply.status(duplicate ? 200 : 202).send({
        ok: true,
        noticeId: notice.id,
        channel: delivery?.channel ?? null,
        delivery: delivery?.delivery.state ?? null,
        ...(duplicate ? { duplicate } : {}),
      });
    });
  });
}
