import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import {
  customer360Schema,
  directoryResponseSchema,
  dispositionsResponseSchema,
  queueMetricsResponseSchema,
  unmaskedMessageSchema,
  ATTACHMENT_MAX_BYTES,
  attachmentMimeTypes,
  type Customer360,
} from '../../shared/protocol/hub-api';
import { describeZodError } from '../../shared/result';
import type { AttachmentStore } from '../channels/attachment-store';
import { sendError } from '../channels/channel-http';
import type { Budget, HubLimits } from './limits';
import { validUploadToken } from '../channels/widget-upload-token';
import { visitorIdSchema } from '../channels/widget-protocol';
import type { CrmAdapter } from '../crm/crm-adapter';
import type { MergeService } from '../identity/merge-service';
import type { SocketRegistry } from '../socket-registry';
import { queueMetrics } from '../routing/queue-metrics';
import type { HubStore } from '../store/hub-store';
import { canSeeCustomer } from '../visibility';
import { mergeCandidatesOf } from './merge-candidates';
import { canSeeConversation } from '../../shared/domain/visibility';
import type { AuditEntry } from '../supervision/audit-log';
import { customerHistorySummary, customerSentiment, summarizeConversation } from '../insights/conversation-summaries';
import type { Sessions } from '../auth/sessions';
import { requireAgent } from './auth-guard';

export interface ApiDeps {
  store: HubStore;
  sessions: Sessions;
  presence: SocketRegistry;
  merges: MergeService;
  crm: CrmAdapter;
  attachments: AttachmentStore;
  uploadLimiter: Budget;
  /** Checks the upload tokens the widget hands its visitors. */
  uploadSecret: string;
  limits: HubLimits;
  /** The supervision audit log: every read of an unmasked original is recorded there. */
  audit?(entry: AuditEntry): void;
  log: Logger;
}

const TIMELINE_CONVERSATIONS = 20;
const TIMELINE_MESSAGES = 20;
const idParam = z.object({ id: z.string().min(1).max(100) });
/** The widget page sends the upload token its hello gave it in this header. */
export const VISITOR_TOKEN_HEADER = 'x-switchboard-visitor-token';
const uploadQuery = z.object({ name: z.string().trim().min(1).max(255).default('file'), visitor: visitorIdSchema.optional() });

/** The agent desktop's HTTP API; shapes in src/shared/protocol/hub-api.ts. */
export async function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { store, log } = deps;

  app.get('/api/customers/:id/360', async (req, reply) => {
    const agent = await requireAgent(req, reply, deps);
    if (!agent) return reply;
    const params = idParam.safeParse(req.params);
    if (!params.success) return sendError(reply, 'invalid_argument', describeZodError(params.error));
    const customer = deps.merges.resolve(params.data.id);
    if (!customer || !canSeeCustomer(agent, customer.id, store)) return sendError(reply, 'not_found', 'no such customer');
    const merges = store.mergesInto(customer.id).filter((m) => m.undoneAt === null);
    // Earlier contacts on any channel and queue: the point of the panel is the whole history. What agents wrote
    // among themselves (internal notes, the hub's own notes) stays with those who may see that conversation.
    const conversations = store.customerConversations(customer.id, TIMELINE_CONVERSATIONS);
    const ratings = store.ratingsOf(conversations.map((c) => c.id));
    const timeline = conversations.map((conversation) => {
      const all = store.lastMessages(conversation.id, TIMELINE_MESSAGES);
      const messages = canSeeConversation(agent, conversation) ? all : all.filter((m) => !m.internal && m.authorKind !== 'system');
      return { conversation, messages, summary: conversation.summary ?? summarizeConversation(messages), sentiment: customerSentiment(messages), rating: ratings.get(conversation.id) ?? null };
    });
    const own = await deps.crm.orders([customer.id]);
    // An order linked to one of their conversations shows too (a reply to an order notice from an address the
    // hub cannot prove is this customer's yet).
    const linked = [...new Set(conversations.flatMap((c) => c.orderIds ?? []))].filter((id) => !own.some((o) => o.id === id));
    const suggestions = store.openSuggestionsFor(customer.id);
    const body: Customer360 = {
      customer,
      orders: [...own, ...linked.flatMap((id) => store.order(id) ?? [])],
      tickets: await deps.crm.tickets([customer.id]),
      timeline,
      historySummary: customerHistorySummary(timeline),
      mergeSuggestions: suggestions,
      mergeCandidates: mergeCandidatesOf(store, customer.id, suggestions),
      merges: merges.map(({ movedIdentities: _i, movedConversations: _c, ...m }) => m),
      consents: store.consentsOfCustomer(customer.id),
    };
    return customer360Schema.parse(body);
  });

  app.get('/api/queues/metrics', async (req, reply) => {
    const agent = await requireAgent(req, reply, deps, ['supervisor', 'admin']);
    if (!agent) return reply;
    return queueMetricsResponseSchema.parse({ queues: queueMetrics(store, deps.presence, Date.now()) });
  });

  app.get('/api/dispositions', async (req, reply) => {
    const agent = await requireAgent(req, reply, deps);
    if (!agent) return reply;
    return dispositionsResponseSchema.parse({ dispositions: store.dispositions().filter((d) => d.active) });
  });

  app.get('/api/directory', async (req, reply) => {
    const agent = await requireAgent(req, reply, deps);
    if (!agent) return reply;
    return directoryResponseSchema.parse({
      agents: store
        .agents()
        .filter((a) => a.role !== 'admin')
        .map((a) => ({ id: a.id, displayName: a.displayName, state: a.state, online: deps.presence.isOnline(a.id) })),
      queues: store.queues().map((q) => ({ id: q.id, name: q.name })),
    });
  });

  app.get('/api/messages/:id/unmasked', async (req, reply) => {
    const agent = await requireAgent(req, reply, deps, ['supervisor', 'admin']);
    if (!agent) return reply;
    const params = idParam.safeParse(req.params);
    const message = params.success ? store.message(params.data.id) : null;
    if (!message) return sendError(reply, 'not_found', 'no such message');
    log.log('info', 'unmasked message read', { agent: agent.id, message: message.id });
    deps.audit?.({ at: Date.now(), actorId: agent.id, actorRole: agent.role, action: 'message.unmasked', outcome: 'ok', conversationId: message.conversationId, detail: message.id });
    return unmaskedMessageSchema.parse({ id: message.id, text: store.originalText(message.id) ?? message.text });
  });

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...attachmentMimeTypes], { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_req, body, done) => done(null, body));

    const upload = (owner: string, query: z.infer<typeof uploadQuery>, contentType: string | undefined, body: unknown, quota?: number) =>
      Buffer.isBuffer(body) ? deps.attachments.save(owner, query.name, contentType ?? '', body, quota) : null;

    scope.post('/api/attachments', async (req, reply) => {
      const agent = await requireAgent(req, reply, deps);
      if (!agent) return reply;
      const query = uploadQuery.safeParse(req.query);
      if (!query.success) return sendError(reply, 'invalid_argument', describeZodError(query.error));
      const saved = upload(`agent:${agent.id}`, query.data, req.headers['content-type'], req.body);
      if (!saved) return sendError(reply, 'invalid_argument', 'the request has no file');
      if (!saved.ok) return sendError(reply, saved.error.code, saved.error.message);
      return reply.status(201).send({ attachment: saved.value });
    });

    scope.post('/widget/attachments', async (req, reply) => {
      const query = uploadQuery.safeParse(req.query);
      if (!query.success || !query.data.visitor) return sendError(reply, 'invalid_argument', 'visitor and name are required');
      if (!validUploadToken(deps.uploadSecret, query.data.visitor, req.headers[VISITOR_TOKEN_HEADER], Date.now())) {
        return sendError(reply, 'unauthenticated', 'open the chat first: uploads need the token it gives');
      }
      if (!(await deps.uploadLimiter.take(`upload:${req.ip}`))) return sendError(reply, 'rate_limited', 'too many uploads, slow down');
      const saved = upload(`visitor:${query.data.visitor}`, query.data, req.headers['content-type'], req.body, deps.limits.uploadBytesPerVisitorPerDay);
      if (!saved) return sendError(reply, 'invalid_argument', 'the request has no file');
      if (!saved.ok) return sendError(reply, saved.error.code, saved.error.message);
      return reply.status(201).send({ attachment: saved.value });
    });
  });

  app.get('/attachments/:id', async (req, reply) => {
    const params = idParam.safeParse(req.params);
    const sig = z.object({ sig: z.string().max(64) }).safeParse(req.query);
    const file = params.success && sig.success ? deps.attachments.open(params.data.id, sig.data.sig) : null;
    if (!file) return sendError(reply, 'not_found', 'no such file');
    const inline = file.mimeType.startsWith('image/') || file.mimeType === 'application/pdf';
    return reply
      .type(file.mimeType)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
      .header('cache-control', 'private, max-age=86400')
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(createReadStream(file.file));
  });
}
