import { sipApiSecret } from './sip/sip-api-secret';
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { privateDatabase, privateDir } from './private-files';
import { join } from 'node:path';
import type { Logger } from '../shared/log';
import type { SipLoginCredentials } from '../shared/protocol/hub-protocol';
import { createCommandExecutor } from './commands/command-registry';
import { handleAgentSocket } from './agent-gateway';
import { AFTER_CALL_WORK_JOB, createAgentStates, type AgentStates } from './agent-states';
import { createJobWorker, type JobWorker } from './jobs/job-worker';
import { registerRecordingRoutes } from './http/recording-routes';
import { createOutboundDelivery, OUTBOUND_DELIVERY_JOB } from './jobs/outbound-delivery';
import { createDirectDelivery, DIRECT_DELIVERY_JOB } from './jobs/direct-delivery';
import { createDirectSenders } from './channels/direct-senders';
import { createNoticeService } from './notices/notice-service';
import { loadNoticeTemplates } from './notices/notice-templates';
import { registerOrderEventRoute } from './notices/order-event-route';
import { z } from 'zod';
import { createTokenIssuer, type TokenIssuer } from './auth/tokens';
import { createAttachmentStore } from './channels/attachment-store';
import { registerEmailChannel } from './channels/email-channel';
import { createWechatApi } from './channels/wechat-api';
import { registerWechatChannel } from './channels/wechat-channel';
import { registerWebhookChannel } from './channels/webhook-channel';
import { createWidgetCalls } from './channels/widget-call';
import { loadWidgetCallScript } from './channels/widget-call-script';
import { createWidgetChannel, WIDGET_QUEUE } from './channels/widget-channel';
import nodemailer from 'nodemailer';
import { createSurveyService } from './surveys/survey-service';
import { registerSurveyRoutes } from './surveys/survey-routes';
import { buildReport } from './reports/report-builder';
import { ok } from '../shared/result';
import { registerWidgetRoutes } from './channels/widget-routes';
import { loadWidgetSites, widgetSite } from './channels/widget-sites';
import { parseHubConfig, type HubConfigInput } from './config';
import { createConversationService, type ConversationService } from './conversation-service';
import { createLifecycle, OFFER_EXPIRY_JOB, type Lifecycle } from './conversations/lifecycle';
import { createEventPublisher } from './event-publisher';
import { backfillFeeds } from './feeds/feed-backfill';
import { pruneRetention } from './feeds/retention';
import { createBuiltinCrm } from './crm/builtin-crm';
import { botTakes } from './bot/bot-config';
import { BOT_IDLE_JOB, createBotService, type BotService } from './bot/bot-service';
import { loadDefaultSentimentClassifier } from '../shared/nlp/sentiment/default-classifier';
import type { CrmAdapter } from './crm/crm-adapter';
import { ensureBaseConfiguration, seedDemoData } from './demo-data';
import { createEventBus } from './event-bus';
import { openClusterNode } from './cluster/cluster-node';
import { registerApiRoutes } from './http/api-routes';
import { registerAuthRoutes } from './http/auth-routes';
import { checkHostHeader } from './http/host-check';
import { readHubTls } from './http/hub-tls';
import { createPasswordHasher } from './auth/passwords';
import { createSessions } from './auth/sessions';
import { createSignIn } from './auth/sign-in';
import { budget } from './http/limits';
import { createIdentityResolver, type IdentityResolver } from './identity/identity-resolver';
import { createMergeService } from './identity/merge-service';
import { createHubMetrics } from './metrics/hub-metrics';
import { registerMetricsRoute } from './metrics/metrics-route';
import { createSocketRegistry, type SocketRegistry } from './socket-registry';
import { createRouter, type Router } from './routing/router';
import { createEscalations } from './insights/escalations';
import { registerKbRoutes } from './knowledge/kb-routes';
import { createComplianceChecker } from '../shared/nlp/compliance/compliance-check';
import { createIntentRouting } from './insights/intent-routing';
import { loadDefaultIntentClassifier } from '../shared/nlp/intent/default-intent-classifier';
import { createEscalationRules } from '../shared/nlp/escalation/escalation-rules';
import { issueSipCredentials } from './sip/sip-credentials';
import { registerSipRoutes } from './sip/sip-routes';
import type { HubStore } from './store/hub-store';
import { openHubDatabase, sqliteHubStore } from './store/sqlite-hub-store';
import { importLegacySupervisionDb } from './supervision/legacy-supervision-import';
import { registerSupervision, type SupervisionHandle } from './supervision';
import type { AuditLog } from './supervision/audit-log';
import { createTypingRelay } from './typing-relay';
import { queueMetrics } from './routing/queue-metrics';
import { HUB_PROTOCOL_VERSION } from '../shared/protocol/hub-protocol';
import { startDtmfListener } from './voice/dtmf-listener';
import { createHoldAudio, DEFAULT_PROMPTS_DIR } from './voice/hold-audio';
import { createCallRecorder, parseRecordingPolicy, RECORDING_EXPIRE_JOB, RECORDING_FINALIZE_JOB } from './voice/call-recorder';
import { createRtpengineClient } from './voice/rtpengine-client';
import { createVoiceCalls, sipUserOf, type VoiceCalls } from './voice/voice-calls';
import { TRANSFER_ARRIVAL_JOB } from './voice/call-transfer';

export interface Hub {
  url: string;
  port: number;
  app: FastifyInstance;
  store: HubStore;
  lifecycle: Lifecycle;
  router: Router;
  presence: SocketRegistry;
  conversations: ConversationService;
  agentStates: AgentStates;
  voice: VoiceCalls;
  crm: CrmAdapter;
  tokens: TokenIssuer;
  /** The supervision audit log (supervisor actions from either socket, unmasked reads). */
  audit: AuditLog;
  close(): Promise<void>;
}

const RETENTION_JOB = 'retention.prune';
const RETENTION_EVERY_MS = 3_600_000;
const OVERFLOW_JOB = 'routing.overflow';
const offerJobSchema = z.object({ offerId: z.string(), conversationId: z.string() });
const acwJobSchema = z.object({ agentId: z.string() });

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
  privateDir(config.dataDir);
  const cluster = await openClusterNode(config.cluster, log);
  const db = openHubDatabase(privateDatabase(join(config.dataDir, 'hub.sqlite')));
  // Supervision's tables moved into hub.sqlite (migration 20): an older hub's supervision.sqlite is brought over once.
  const imported = importLegacySupervisionDb(db, join(config.dataDir, 'supervision.sqlite'), Date.now());
  if (imported) log.log('info', 'supervision.sqlite imported into the hub database', { ...imported.rows, renamedTo: imported.renamedTo });
  const store = sqliteHubStore(db);
  if (config.demo && (await seedDemoData(store, Date.now(), { serviceQueues: config.demoServiceQueues }))) log.log('info', 'demo data seeded');
  ensureBaseConfiguration(store);
  const backfilled = backfillFeeds(store);
  if (backfilled > 0) log.log('info', 'event feeds built from the stored events', { events: backfilled });
  // A restarted hub has no live sockets: everyone starts offline. Open offers stay open until they lapse
  // (the router re-arms each at its own deadline), so an agent back in time can still take theirs.
  // After-call work is the exception: its job ends it on time, as it would have without the restart.
  // In a cluster the others' agents stay: an agent is offline when their presence expires (cluster/presence-sweep.ts).
  for (const agent of cluster.shared ? [] : store.agents()) {
    if (agent.state !== 'offline' && agent.state !== 'after_call_work') store.setAgentState(agent.id, 'offline', null, Date.now());
  }

  const tokenSecret = loadTokenSecret(config.dataDir, config.tokenSecret);
  const tokens = createTokenIssuer(tokenSecret, config.tokenTtlSeconds);
  const sessions = createSessions({ store, tokens, maxAgeSeconds: config.sessionMaxAgeSeconds });
  const hasher = createPasswordHasher();
  const signIn = createSignIn(store, hasher, log, cluster.counters);
  const bus = createEventBus();
  // Routing and the feed bridge act on the sockets held here; everyone else sees the cluster (cluster-sockets.ts).
  const heldHere = createSocketRegistry();
  const presence = cluster.sockets(heldHere);
  const now = Date.now;
  const events = createEventPublisher(store, bus, now);
  const lifecycle = createLifecycle(store, events, now);
  let jobs: JobWorker | null = null;
  const startedJobs = (): JobWorker => {
    if (!jobs) throw new Error('job worker used before the hub started');
    return jobs;
  };
  const metrics = createHubMetrics({ store, presence, now });
  const delivery = createOutboundDelivery({ store, jobs: startedJobs, publish: events.publish, policy: config.outboundRetry, deliveryFailed: metrics.deliveryFailed, log, now });
  const wechatApi = config.wechat?.appId ? createWechatApi({ apiBaseUrl: config.wechat.apiBaseUrl, appId: config.wechat.appId, appSecret: config.wechat.appSecret }, log) : null;
  const hubMail = config.email.smtpUrl ? nodemailer.createTransport(config.email.smtpUrl) : null;
  // Survey invitations and order notices: messages outside any conversation, delivered as jobs like replies.
  const direct = createDirectDelivery({
    store,
    jobs: startedJobs,
    senders: createDirectSenders({ mail: hubMail, fromAddress: config.email.from, wechat: wechatApi, webhookUrls: config.webhookOutboundUrls, webhookSecrets: config.webhookSecrets }),
    policy: config.outboundRetry,
    deliveryFailed: metrics.deliveryFailed,
    log,
    now,
  });
  let identities: IdentityResolver | null = null;
  const intents = createIntentRouting({ config: config.intentRouting, classifier: loadDefaultIntentClassifier, queueExists: (id) => store.queue(id) !== null });
  const conversations = createConversationService(
    store,
    events,
    lifecycle,
    () => {
      if (!identities) throw new Error('identity resolver used before the hub started');
      return identities;
    },
    now,
    delivery,
    intents,
    (channel, queue) => botTakes(config.bot, channel, queue),
  );
  // The intent weights decode on first use: before the first customer writes, not while they wait.
  if (config.intentRouting.enabled) setTimeout(() => void loadDefaultIntentClassifier(), 0).unref();
  const merges = createMergeService(store, () => lifecycle, events.publish, now);
  identities = createIdentityResolver(store, merges, log, now);
  const router = createRouter(store, heldHere, lifecycle, log, {
    offerTimeoutMs: config.offerTimeoutMs,
    callOfferTimeoutMs: config.callOfferTimeoutMs,
    wakeJobs: (at) => jobs?.wake(at),
  });
  conversations.onQueued(() => router.route());
  const agentStates = createAgentStates(store, presence, () => router, log, { afterCallWorkMs: config.afterCallWorkMs, jobs: startedJobs });
  let bot: BotService | null = null;
  const recorder =
    config.sip?.rtpengine && config.sip.recordingDir
      ? createCallRecorder({
          client: createRtpengineClient(config.sip.rtpengine),
          store,
          lifecycle,
          conversations,
          jobs: startedJobs,
          recordingDir: config.sip.recordingDir,
          storeDir: join(config.dataDir, 'recordings'),
          retentionMs: config.sip.recordingRetentionDays > 0 ? config.sip.recordingRetentionDays * 86_400_000 : null,
          policyOf: parseRecordingPolicy(config.sip.recordingPolicy),
          log,
        })
      : undefined;
  jobs = createJobWorker(
    store,
    {
      [RECORDING_FINALIZE_JOB]: (payload) => recorder?.finalize(payload),
      [RECORDING_EXPIRE_JOB]: (payload) => recorder?.expire(payload),
      [OFFER_EXPIRY_JOB]: (payload) => {
        const { offerId, conversationId } = offerJobSchema.parse(payload);
        router.expireOffer(offerId, conversationId);
      },
      [AFTER_CALL_WORK_JOB]: (payload) => agentStates.finishAfterCallWork(acwJobSchema.parse(payload).agentId),
      [OUTBOUND_DELIVERY_JOB]: delivery.job,
      [DIRECT_DELIVERY_JOB]: direct.job,
      [BOT_IDLE_JOB]: (payload) => bot?.idle(payload),
      [TRANSFER_ARRIVAL_JOB]: (payload) => voice.callTransferred.arrivalDue(payload),
    },
    log,
  );
  // Recurring work is a row each too: one hub of those sharing the database runs it, and a restart keeps its time.
  jobs.every(RETENTION_JOB, RETENTION_EVERY_MS, () => void pruneRetention(store, config.eventRetentionDays, Date.now(), log));
  jobs.every(OVERFLOW_JOB, config.overflowCheckMs, () => router.overflow());
  lifecycle.onChanged(({ prev, next }) => {
    const owner = prev?.assigneeId;
    if (!owner || !prev) return;
    // Handled to its end (a chat closed, a call hung up): after-call work. A disposition given later lets it finish.
    if (prev.status === 'active' && (next.status === 'wrap_up' || next.status === 'closed')) agentStates.startAfterCallWork(owner);
    else if (prev.status === 'wrap_up' && next.status === 'closed') agentStates.dispositionGiven(owner);
  });
  const crm = createBuiltinCrm(store);
  // The bot answers only where it is turned on; its jobs and events are ignored otherwise.
  bot = config.bot.enabled
    ? createBotService({
        config: config.bot,
        store,
        lifecycle,
        conversations,
        crm,
        sentiment: (text) => loadDefaultSentimentClassifier().classify(text).score,
        escalation: createEscalationRules(config.escalation),
        jobs: startedJobs,
        queued: () => router.route(),
        log,
      })
    : null;
  if (bot) {
    const listening = bot;
    bus.subscribe((event) => listening.onEvent(event));
    lifecycle.onChanged(({ prev, next }) => listening.conversationChanged(prev, next));
  }
  const attachments = createAttachmentStore(store, config.dataDir, tokenSecret);
  const typing = cluster.typing(createTypingRelay(store, presence), store);
  // Registered with the routes below; the command executor reaches it late, through this binding.
  let supervision: SupervisionHandle | null = null;
  const commands = createCommandExecutor({
    store,
    router,
    lifecycle,
    conversations,
    agentStates,
    merges,
    crm,
    presence,
    delivery,
    agentAttachments: (agentId, ids) => attachments.owned(`agent:${agentId}`, ids),
    voiceSentiment: (conversationId, score) => supervision?.reportSentiment(conversationId, score, 'voice'),
    compliance: createComplianceChecker(config.compliance),
    complianceAlert: (conversationId, agentId, findings) => supervision?.reportCompliance(conversationId, agentId, findings),
    audit: (entry) => supervision?.audit.record(entry),
    ...(recorder ? { recorder } : {}),
    log,
  });
  const hold = config.sip?.rtpengine
    ? createHoldAudio({ client: createRtpengineClient(config.sip.rtpengine), promptsDir: config.sip.promptsDir ?? DEFAULT_PROMPTS_DIR, language: config.sip.promptLanguage, log })
    : undefined;
  const voice = createVoiceCalls({
    store,
    conversations,
    lifecycle,
    identities,
    router,
    log,
    ...(config.sip ? { numbering: config.sip } : {}),
    ...(hold ? { hold } : {}),
    ...(recorder ? { recorder } : {}),
    jobs: startedJobs,
    transferArrivalMs: config.transferArrivalMs,
  });
  const { limits } = config;
  const widgetSites = loadWidgetSites(config.widgetSitesFile);
  const widgetCalls = createWidgetCalls({
    sip: config.sip,
    queueNumber: (siteId) => {
      const chosen = widgetSite(widgetSites, siteId).callQueue;
      if (chosen === null) return null;
      const queues = store.queues();
      const queue = queues.find((q) => q.id === (chosen ?? 'voice')) ?? (chosen === undefined ? queues.find((q) => q.number) : undefined);
      // Kamailio lets visitors dial plain digits only.
      return queue?.number && /^[0-9]{1,32}$/.test(queue.number) ? queue.number : null;
    },
  });
  const widgetCallScript = loadWidgetCallScript(config.widgetCallScript, log);
  const widget = createWidgetChannel({
    store,
    conversations,
    attachments,
    typing,
    fanOut: cluster.visitors,
    identitySecret: config.widgetIdentitySecret,
    uploadSecret: tokenSecret,
    greeted: (visitorId) => surveys.visitorReturned(visitorId),
    limits,
    log,
    calls: { calls: widgetCalls, identities },
    consentText: (siteId, language) => widgetSite(widgetSites, siteId).preChat.consent?.[language] ?? null,
  });
  const channelLimiter = budget(config.channelRateLimitPerMinute, 60, { counters: cluster.counters, name: 'channel' });
  let hubUrl = `${config.tls ? 'https' : 'http'}://${config.host}:${config.port}`;
  const surveys = createSurveyService({
    store,
    lifecycle,
    note: (conversationId, text) => conversations.systemNote(conversationId, text),
    senders: {
      widget: (visitorId, token) => widget.toVisitor(visitorId, { type: 'survey', token }),
      // Invitations and thanks are delivery jobs like replies: a refused send is tried again, its state kept.
      queue: ({ surveyId, via, to, subject, text }) =>
        direct.enqueue({ purpose: 'survey', ref: surveyId, channel: via, to: { kind: via === 'wechat' ? 'wechat_openid' : 'email', value: to }, subject, text }, Date.now()) !== null,
    },
    secret: tokenSecret,
    publicUrl: () => (config.surveys.publicUrl ?? hubUrl).replace(/\/+$/, ''),
    linkTtlMs: config.surveys.linkTtlHours * 3_600_000,
    enabled: config.surveys.enabled,
    defaultLanguage: config.surveys.defaultLanguage,
    lowRating: (rating) => supervision?.lowRating(rating),
    log,
  });
  const notices = createNoticeService({
    store,
    lifecycle,
    note: (conversationId, text) => conversations.systemNote(conversationId, text),
    direct,
    templates: config.notices.templatesFile ? loadNoticeTemplates(config.notices.templatesFile) : (config.notices.templates ?? loadNoticeTemplates(undefined)),
    replyWindowMs: config.notices.replyWindowHours * 3_600_000,
    defaultLanguage: config.notices.defaultLanguage,
    log,
    now,
  });
  const sweep = setInterval(() => {
    try {
      const removed = attachments.sweep(limits.unreferencedUploadGraceMs);
      if (removed > 0) log.log('info', 'unused uploads deleted', { count: removed });
    } catch (cause) {
      log.log('error', 'upload sweep failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  }, limits.uploadSweepMs);
  sweep.unref();

  const { http } = limits;
  // A client that trickles its request holds a connection: the head and the whole request each have a deadline.
  const serverOptions = {
    headersTimeout: http.headersTimeoutMs,
    requestTimeout: http.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(http.headersTimeoutMs / 2))),
  };
  const tls = config.tls ? readHubTls(config.tls) : undefined;
  const scheme = tls ? 'https' : 'http';
  const app = Fastify({
    logger: false,
    bodyLimit: config.maxBodyBytes,
    // Behind a reverse proxy the client's own address, which every per-address budget counts, is in X-Forwarded-For.
    ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    http: serverOptions,
    // HTTPS with the configured certificate: the same deadlines on the TLS server (Fastify hands it these options alone).
    // The https server is an http.Server underneath; Fastify's types tell them apart only by this option.
    ...((tls ? { https: { ...serverOptions, cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' } } : {}) as object),
  });
  app.server.maxConnections = http.maxConnections;
  checkHostHeader(app, config.allowedHosts);
  await app.register(websocket, { options: { maxPayload: 4 * 1024 * 1024 } });

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) log.log('error', 'request failed', { detail: error.message });
    const code = status === 413 ? 'frame_too_large' : status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : 'invalid_argument';
    void reply.status(status).send({ error: { code, message: status >= 500 ? 'internal error' : error.message } });
  });

  /** SIP credentials never outlive the session they are issued for. */
  const sipCredentials = (agent: { username: string; sipUser?: string | null }, notAfter: number): SipLoginCredentials | undefined => {
    if (!config.sip) return undefined;
    const ttlSeconds = Math.min(config.sip.ttlSeconds, Math.floor((notAfter - Date.now()) / 1000));
    // Under a minute left is too little to register with; the phone waits for the next sign-in.
    if (ttlSeconds < 60) return undefined;
    return issueSipCredentials({ sipUser: sipUserOf(agent), secret: config.sip.secret, ttlSeconds, domain: config.sip.domain, wsUrl: config.sip.wsUrl });
  };

  app.get('/healthz', async () => ({ ok: true, headSeq: store.headSeq() }));
  registerMetricsRoute(app, metrics, config.metricsToken);
  registerAuthRoutes(app, { store, sessions, signIn, hasher, sipCredentials, log });
  await registerApiRoutes(app, { store, sessions, presence, merges, crm, attachments, uploadLimiter: channelLimiter, uploadSecret: tokenSecret, limits, audit: (entry) => supervision?.audit.record(entry), log });
  registerKbRoutes(app, { store, sessions, log });
  registerWidgetRoutes(app, {
    sites: widgetSites,
    calls: widgetCalls,
    callScript: widgetCallScript,
    ...(config.sip ? { sipWsUrl: config.sip.wsUrl } : {}),
    // The bot answers at any hour: with it on the widget, visitors chat rather than leave a message.
    agentAvailable: () =>
      botTakes(config.bot, 'widget', WIDGET_QUEUE) || store.agents().some((a) => a.state === 'available' && a.queues.includes(WIDGET_QUEUE) && presence.isOnline(a.id)),
  });
  app.get('/widget/ws', { websocket: true }, (socket, req) => widget.handle(socket, req.ip));
  app.get('/agent/ws', { websocket: true }, (socket) =>
    handleAgentSocket(socket, { store, bus, presence, router, agentStates, commands, typing, sessions, limits, log }),
  );
  await registerWebhookChannel(app, { store, conversations, secrets: config.webhookSecrets, outboundUrls: config.webhookOutboundUrls, limiter: channelLimiter, delivery, log });
  await registerWechatChannel(app, {
    store,
    conversations,
    token: config.wechat?.token,
    mode: config.wechat?.mode ?? (config.wechat?.encodingAesKey ? 'safe' : 'plain'),
    appId: config.wechat?.appId,
    encodingAesKey: config.wechat?.encodingAesKey,
    welcome: config.wechat?.welcome,
    api: wechatApi,
    beforeIngest: (openId, text) => surveys.wechatReply(openId, text),
    limiter: channelLimiter,
    delivery,
    log,
  });
  await registerEmailChannel(app, {
    store,
    conversations,
    secret: config.emailSecret,
    smtpUrl: config.email.smtpUrl,
    fromAddress: config.email.from,
    limiter: channelLimiter,
    delivery,
    log,
  });
  await registerOrderEventRoute(app, { notices, secrets: config.webhookSecrets, limiter: channelLimiter, log });
  await registerSurveyRoutes(app, { surveys, limiter: channelLimiter, defaultLanguage: config.surveys.defaultLanguage });
  supervision = registerSupervision(app, {
    store,
    bus,
    verifyToken: async (token) => {
      const found = await sessions.authenticate(token);
      return found.ok ? { ok: true, value: found.value.claims } : found;
    },
    isOnline: (agentId) => presence.isOnline(agentId),
    notifyAgent: (agentId, notice) => {
      if (!presence.isOnline(agentId)) return false;
      presence.send(agentId, { v: HUB_PROTOCOL_VERSION, type: 'supervision', notice });
      return true;
    },
    alertAgent: (agentId, alert) => presence.send(agentId, { v: HUB_PROTOCOL_VERSION, type: 'alert', alert }),
    sentimentAlerts: config.sentimentAlerts,
    escalations: createEscalations({ store, lifecycle, rules: createEscalationRules(config.escalation), log }),
    whisper: (supervisorId, conversationId, text, key) => conversations.reply(supervisorId, conversationId, { text, internal: true }, key),
    takeOver: (supervisorId, conversationId, key) => commands.execute(supervisorId, { kind: 'conversation.takeover', conversationId }, key, 'console'),
    queueMetrics: () => queueMetrics(store, presence, Date.now()),
    report: (query) => ok(buildReport(store, query, config.fcrWindowDays, Date.now())),
    pbx: config.supervisionPbx,
    db,
    every: (kind, intervalMs, run) => jobs?.every(kind, intervalMs, run),
    limits,
    log,
  });
  if (config.sip) {
    registerSipRoutes(app, { secret: sipApiSecret(config.sip), domain: config.sip.domain, routeCall: voice.routeCall, callEvent: voice.callEvent, callWaiting: voice.callWaiting, callTransferred: voice.callTransferred });
  }
  if (recorder) {
    const audit = supervision.audit;
    registerRecordingRoutes(app, { store, sessions, recorder, audit: (entry) => audit.record(entry) });
  }
  const dtmf = config.sip?.dtmfListen ? await startDtmfListener(config.sip.dtmfListen, (event) => voice.callerPressed(event), log) : null;

  // Every kind of job is known now: due ones (an offer that lapsed while the hub was down) run from here.
  jobs.start();
  cluster.start({ bus, store, sockets: heldHere, agentStates });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  hubUrl = `${scheme}://${config.host}:${port}`;
  return {
    url: hubUrl,
    port,
    app,
    store,
    lifecycle,
    router,
    presence,
    conversations,
    agentStates,
    voice,
    crm,
    tokens,
    audit: supervision.audit,
    async close() {
      await jobs?.stop();
      clearInterval(sweep);
      router.stop();
      agentStates.stop();
      await dtmf?.close();
      voice.stop();
      await app.close();
      await cluster.close();
      store.close();
    },
  };
}
