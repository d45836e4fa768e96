import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import { describeZodError } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import type { HubStore } from '../store/hub-store';
import type { OutboundDelivery } from '../jobs/outbound-delivery';
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
  /** Mailed replies are delivered as jobs, with retries. */
  delivery: Pick<OutboundDelivery, 'register'>;
  log: Logger;
}

/** Email: a mail service posts inbound mail as JSON; replies go out over SMTP. */
export async function registerEmailChannel(app: FastifyInstance, deps: EmailChannelDeps): Promise<void> {
  const { conversations } = deps;
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;

  deps.delivery.register('email', {
    accepts: (to) => transport !== null && to.kind === 'email',
    async send(message, conversation, to) {
      if (!transport) throw new Error('no SMTP server is configured');
      // The same Message-ID on every try: a mail server that took an earlier try de-duplicates it.
      await transport.sendMail({
        from: deps.fromAddress,
        to: to.value,
        subject: `Re: ${conversation.preview.slice(0, 60) || 'your message'}`,
        text: message.text,
        messageId: `<${message.id}@switchboard.hub>`,
      });
    },
  });

  await app.register(async (scope) => {
    rawBodies(scope, ['application/json'], EMAIL_BODY_LIMIT);
    scope.post('/channels/email/inbound', async (req, reply) => {
      if (!(await guardSignedRequest(req, reply, { limiter: deps.limiter, secret: deps.secret, context: 'email', signature: () => req.headers[SIGNATURE_HEADER] }))) {
        return reply;
      }
      const json = parseJson(req.body);
      if (json === undefined) return sendError(reply, 'malformed_frame', 'the body is not valid JSON');
      const parsed = inboundEmailSchema.safeParse(json);
      if (!parsed.success) return sendError(reply, 'invalid_argument', describeZodError(parsed.error));
      const mail = parsed.data;
      const text = [mail.Subject.trim(), mail.TextBody.trim()].filter(Boolean).join('\n\n').slice(0, 10_000);
      if (!text && mail.Attachments.length === 0) return sendError(reply, 'invalid_argument', 'the mail has no subject, text or attachment');
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
      if (!result.ok) return sendError(reply, result.error.code, result.error.message);
      return reply.status(202).send({ ok: true, messageId: result.value.message.id, conversationId: result.value.conversation.id });
    });
  });
}
