import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../shared/log';
import type { SipLoginCredentials } from '../shared/protocol/hub-protocol';
import { createCommandExecutor } from './agent-commands';
import { handleAgentSocket } from './agent-gateway';
import { createAgentStates, type AgentStates } from './agent-states';
import { createTokenIssuer, type TokenIssuer } from './auth/tokens';
import { createAttachmentStore } from './channels/attachment-store';
import { registerEmailChannel } from './channels/email-channel';
import { createRateLimiter } from './channels/rate-limit';
import { createWechatApi } from './channels/wechat-api';
import { registerWechatChannel } from './channels/wechat-channel';
import { registerWebhookChannel } from './channels/webhook-channel';
import { createWidgetChannel } from './channels/widget-channel';
import { widgetPage } from './channels/widget-page';
import { parseHubConfig, type HubConfigInput } from './config';
import { createConversationService, type ConversationService } from './conversation-service';
import { createBuiltinCrm } from './crm/builtin-crm';
import type { CrmAdapter } from './crm/crm-adapter';
import { ensureBaseConfiguration, seedDemoData } from './demo-data';
import { createEventBus } from './event-bus';
import { registerApiRoutes } from './http/api-routes';
import { createIdentityResolver, type IdentityResolver } from './identity/identity-resolver';
import { createMergeService } from './identity/merge-service';
import { createPresence, type Presence } from './presence';
import { createRouter, type Router } from './routing/router';
import { issueSipCredentials } from './sip/sip-credentials';
import { registerSipRoutes } from './sip/sip-routes';
import type { HubStore } from './store/hub-store';
import { openSqliteHubStore } from './store/sqlite-hub-store';
import { registerSupervision, type SupervisionHandle } from './supervision';
import { createTypingRelay } from './typing-relay';
import { queueMetrics } from './routing/queue-metrics';
import { HUB_PROTOCOL_VERSION } from '../shared/protocol/hub-protocol';
import { createVoiceCalls, sipUserOf, type VoiceCalls } from './voice/voice-calls';

export interface Hub {
  url: string;
  port: number;
  app: FastifyInstance;
  store: HubStore;
  router: Router;
  presence: Presence;
  conversations: ConversationService;
  agentStates: AgentStates;
  voice: VoiceCalls;
  crm: CrmAdapter;
  tokens: TokenIssuer;
  close(): Promise<void>;
}

/** Where the token secret lives when none is configured: generated once, readable only by the hub's user. */
function loadTokenSecret(dataDir: string, given: string | undefined): string {
  if (given) return given;
  const file = join(dataDir, 'token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function startHub(input: HubConfigInput, log: Logger): Promise<Hub> {
  const config = parseHubConfig(input);
  mkdirSync(config.dataDir, { recursive: true });
  const store = openSqliteHubStore(join(config.dataDir, 'hub.sqlite'));
  if (config.demo && (await seedDemoData(store))) log.log('info', 'demo data seeded');
  ensureBaseConfiguration(store);
  // A restarted hub has no live sockets: everyone starts offline, and offers begin again.
  for (const agent of store.agents()) if (agent.state !== 'offline') store.setAgentState(agent.id, 'offline', null, Date.now());
  for (const c of store.conversationsByStatus('offered')) if (c.channel !== 'voice') store.updateConversation({ ...c, status: 'queued' });

  const tokenSecret = loadTokenSecret(config.dataDir, config.tokenSecret);
  const tokens = createTokenIssuer(tokenSecret, config.tokenTtlSeconds);
  const bus = createEventBus();
  const presence = createPresence();
  const now = Date.now;
  let identities: IdentityResolver | null = null;
  const conversations = createConversationService(store, bus, () => {
    if (!identities) throw new Error('identity resolver used before the hub started');
    return identities;
  });
  const merges = createMergeService(store, conversations.publish, now);
  identities = createIdentityResolver(store, merges, log, now);
  const router = createRouter(store, presence, conversations, log, { offerTimeoutMs: config.offerTimeoutMs, overflowCheckMs: config.overflowCheckMs });
  conversations.onQueued(() => router.route());
  const agentStates = createAgentStates(store, presence, () => router, log, { afterCallWorkMs: config.afterCallWorkMs });
  const crm = createBuiltinCrm(store);
  const attachments = createAttachmentStore(store, config.dataDir, tokenSecret);
  const typing = createTypingRelay(store, presence);
  // Registered with the routes below; the command executor reaches it late, through this binding.
  let supervision: SupervisionHandle | null = null;
  const commands = createCommandExecutor({
    store,
    router,
    conversations,
    agentStates,
    merges,
    crm,
    presence,
    agentAttachments: (agentId, ids) => attachments.owned(`agent:${agentId}`, ids),
    voiceSentiment: (conversationId, score) => supervision?.reportSentiment(conversationId, score, 'voice'),
    log,
  });
  const voice = createVoiceCalls({ store, conversations, identities, router, agentStates, log });
  const widget = createWidgetChannel({ store, conversations, attachments, typing, identitySecret: config.widgetIdentitySecret, log });
  const channelLimiter = createRateLimiter(config.channelRateLimitPerMinute, 60_000);

  const app = Fastify({ logger: false, bodyLimit: config.maxBodyBytes });
  await app.register(websocket, { options: { maxPayload: 4 * 1024 * 1024 } });

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) log.log('error', 'request failed', { detail: error.message });
    const code = status === 413 ? 'frame_too_large' : status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : 'invalid_argument';
    void reply.status(status).send({ error: { code, message: status >= 500 ? 'internal error' : error.message } });
  });

  const sipCredentials = (agent: { username: string; sipUser?: string | null }): SipLoginCredentials | undefined =>
    config.sip
      ? issueSipCredentials({ sipUser: sipUserOf(agent), secret: config.sip.secret, ttlSeconds: config.sip.ttlSeconds, domain: config.sip.domain, wsUrl: config.sip.wsUrl })
      : undefined;

  app.get('/healthz', async () => ({ ok: true, headSeq: store.headSeq() }));
  await registerApiRoutes(app, { store, tokens, presence, merges, crm, attachments, uploadLimiter: channelLimiter, sipCredentials, log });
  app.get('/widget', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(widgetPage()));
  app.get('/widget/ws', { websocket: true }, (socket) => widget.handle(socket));
  app.get('/agent/ws', { websocket: true }, (socket) =>
    handleAgentSocket(socket, { store, bus, presence, router, agentStates, commands, typing, tokens, log }),
  );
  await registerWebhookChannel(app, { store, conversations, secrets: config.webhookSecrets, outboundUrls: config.webhookOutboundUrls, limiter: channelLimiter, log });
  await registerWechatChannel(app, {
    store,
    conversations,
    token: config.wechat?.token,
    api: config.wechat?.appId ? createWechatApi({ apiBaseUrl: config.wechat.apiBaseUrl, appId: config.wechat.appId, appSecret: config.wechat.appSecret }, log) : null,
    limiter: channelLimiter,
    log,
  });
  await registerEmailChannel(app, { store, conversations, secret: config.emailSecret, smtpUrl: config.email.smtpUrl, fromAddress: config.email.from, limiter: channelLimiter, log });
  supervision = registerSupervision(app, {
    store,
    bus,
    verifyToken: (token) => tokens.verify(token),
    isOnline: (agentId) => presence.isOnline(agentId),
    notifyAgent: (agentId, notice) => {
      if (!presence.isOnline(agentId)) return false;
      presence.send(agentId, { v: HUB_PROTOCOL_VERSION, type: 'supervision', notice });
      return true;
    },
    alertAgent: (agentId, alert) => presence.send(agentId, { v: HUB_PROTOCOL_VERSION, type: 'alert', alert }),
    sentimentAlerts: config.sentimentAlerts,
    whisper: (supervisorId, conversationId, text, key) => conversations.reply(supervisorId, conversationId, { text, internal: true }, key),
    takeOver: (supervisorId, conversationId, key) => commands.execute(supervisorId, { kind: 'conversation.takeover', conversationId }, key),
    queueMetrics: () => queueMetrics(store, presence, Date.now()),
    pbx: config.supervisionPbx,
    auditFile: join(config.dataDir, 'supervision.sqlite'),
    log,
  });
  if (config.sip) {
    registerSipRoutes(app, { secret: config.sip.secret, domain: config.sip.domain, routeCall: voice.routeCall, callEvent: voice.callEvent });
  }

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host}:${port}`,
    port,
    app,
    store,
    router,
    presence,
    conversations,
    agentStates,
    voice,
    crm,
    tokens,
    async close() {
      router.stop();
      agentStates.stop();
      await app.close();
      store.close();
    },
  };
}
