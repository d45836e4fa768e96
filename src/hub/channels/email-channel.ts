import type { Channel } from '../../shared/domain/channel';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import type { HubStore } from '../store/hub-store';
import { guardSignedRequest, parseJson, rawBodies, rejectReplay, sendError, SIGNATURE_HEADER } from './channel-http';
import type { Budget } from '../http/limits';

export const EMAIL_QUEUE = 'chat';
export const EMAIL_BODY_LIMIT = 1024 * 1024;

/** The inbound-mail webhook shape (Postmark's, which other services resemble); attachments as metadata only. */
const inboundEmailSchema = z.object({
  MessageID: z.string().min(1).max(998),
  From: z.string().max(998),
  FromFull: z.object({ Email: z.string().trim().min(3).max(254), Name: z.string().max(200).optional() }),
  To: z.string().max(2000).optional(),
  Subject: z.string().max(998).default(''),
  TextBody: z.string().max(200_000).default(''),
  HtmlBody: z.string().max(500_000).optional(),
  Date: z.string().max(100).optional(),
  Attachments: z
    .array(z.object({ Name: z.string().max(255), ContentType: z.string().max(100), ContentLength: z.number().int().nonnegative() }))
    .max(20)
    .default([]),
});

export interface EmailChannelDeps {
  store: HubStore;
  conversations: ConversationService;
  /** EMAIL_WEBHOOK_SECRET: the mail service's own, shared with no platform. */
  secret: string | undefined;
  /** smtp://host:port (or smtps://user:pass@host:port); no URL means replies are not mailed. */
  smtpUrl: string | undefined;
  fromAddress: string;
  limiter: Budget;
  /** Counts a reply its channel refused or that could not be sent (the hub's /metrics). */
  deliveryFailed?: (channel: Channel) => void;
  log: Logger;
}

/** Email: a mail service posts inbound mail as JSON; replies go out over SMTP. */
export async function registerEmailChannel(app: FastifyInstance, deps: EmailChannelDeps): Promise<void> {
  const { conversations, log } = deps;
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;

  conversations.onOutbound((message, conversation, _customer, to) => {
    if (message.channel !== 'email' || !transport || to.kind !== 'email') return;
    transport
      .sendMail({
        from: deps.fromAddress,
        to: to.value,
        subject: `Re: ${conversation.preview.slice(0, 60) || 'your message'}`,
        text: message.text,
        messageId: `<${message.id}@switchboard.hub>`,
      })
      .catch((cause: unknown) => {
        deps.deliveryFailed?.('email');
        log.log('warn', 'email reply failed', { detail: cause instanceof Error ? cause.message : String(cause) });
      });
  });

  await app.register(async (scope) => {
    rawBodies(scope, ['application/json'], EMAIL_BODY_LIMIT);
    scope.post('/channels/email/inbound', async (req, reply) => {
      if (!(await guardSignedRequest(req, reply, { limiter: deps.limiter, secret: deps.secret, context: 'email', signature: () => req.headers[SIGNATURE_HEADER] }))) {
        return reply;
      }
      const json = parseJson(req.body);
      if (json === undefined) return sendError(reply, 400, 'malformed_frame', 'the body is not valid JSON');
      const parsed = inboundEmailSchema.safeParse(json);
      if (!parsed.success) return sendError(reply, 400, 'invalid_argument', describeZodError(parsed.error));
      const mail = parsed.data;
      const text = [mail.Subject.trim(), mail.TextBody.trim()].filter(Boolean).join('\n\n').slice(0, 10_000);
      if (!text && mail.Attachments.length === 0) return sendError(reply, 400, 'invalid_argument', 'the mail has no subject, text or attachment');
      if (rejectReplay(reply, deps.store, `email:${String(req.headers[SIGNATURE_HEADER])}`)) return reply;
      const result = conversations.ingest({
        channel: 'email',
        // A sender address can be forged, so it identifies but does not prove.
        identity: { kind: 'email', value: mail.FromFull.Email, verified: false },
        customerName: mail.FromFull.Name,
        text,
        attachments: mail.Attachments.map((a, i) => ({ id: `mail_${i}`, name: a.Name, mimeType: a.ContentType, size: a.ContentLength, url: '' })),
        key: `email:${mail.MessageID.slice(0, 200)}`,
        queue: EMAIL_QUEUE,
      });
      if (!result.ok) return sendError(reply, 400, result.error.code, result.error.message);
      return reply.status(202).send({ ok: true, messageId: result.value.message.id, conversationId: result.value.conversation.id });
    });
  });
}
