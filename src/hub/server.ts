import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../shared/log';
import { loginRequestSchema, type LoginResponse } from '../shared/protocol/hub-protocol';
import { describeZodError } from '../shared/result';
import { verifyPassword } from './auth/passwords';
import { createTokenIssuer, type TokenIssuer } from './auth/tokens';
import { handleAgentSocket, toProfile } from './agent-gateway';
import { createWidgetChannel } from './channels/widget-channel';
import { widgetPage } from './channels/widget-page';
import { hubConfigSchema, type HubConfigInput } from './config';
import { createConversationService, type ConversationService } from './conversation-service';
import { seedDemoData } from './demo-data';
import { createEventBus } from './event-bus';
import { createPresence, type Presence } from './presence';
import { createRouter, type Router } from './routing/router';
import type { HubStore } from './store/hub-store';
import { openSqliteHubStore } from './store/sqlite-hub-store';

export interface Hub {
  url: string;
  port: number;
  app: FastifyInstance;
  store: HubStore;
  router: Router;
  presence: Presence;
  conversations: ConversationService;
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
  const config = hubConfigSchema.parse(input);
  mkdirSync(config.dataDir, { recursive: true });
  const store = openSqliteHubStore(join(config.dataDir, 'hub.sqlite'));
  if (config.demo && (await seedDemoData(store))) log.log('info', 'demo data seeded');
  // A restarted hub has no live sockets: everyone starts offline, and offers begin again.
  for (const agent of store.agents()) if (agent.state !== 'offline') store.setAgentState(agent.id, 'offline', null, Date.now());
  for (const c of store.conversationsByStatus('offered')) store.updateConversation({ ...c, status: 'queued' });

  const tokens = createTokenIssuer(loadTokenSecret(config.dataDir, config.tokenSecret), config.tokenTtlSeconds);
  const bus = createEventBus();
  const presence = createPresence();
  const conversations = createConversationService(store, bus);
  const router = createRouter(store, presence, conversations, log, { offerTimeoutMs: config.offerTimeoutMs });
  conversations.onQueued(() => router.route());
  const widget = createWidgetChannel(store, conversations, log);

  const app = Fastify({ logger: false, bodyLimit: config.maxBodyBytes });
  await app.register(websocket, { options: { maxPayload: 4 * 1024 * 1024 } });

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) log.log('error', 'request failed', { detail: error.message });
    const code = status === 413 ? 'frame_too_large' : status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : 'invalid_argument';
    void reply.status(status).send({ error: { code, message: status >= 500 ? 'internal error' : error.message } });
  });

  app.get('/healthz', async () => ({ ok: true, headSeq: store.headSeq() }));

  app.post('/api/login', async (req, reply) => {
    const body = loginRequestSchema.safeParse(req.body);
    if (!body.success) return reply.status(400).send({ error: { code: 'invalid_argument', message: describeZodError(body.error) } });
    const agent = store.agentByUsername(body.data.username);
    const valid = agent ? await verifyPassword(body.data.password, agent.passwordHash) : false;
    if (!agent || !valid) {
      log.log('warn', 'login refused', { username: body.data.username });
      return reply.status(401).send({ error: { code: 'unauthenticated', message: 'wrong username or password' } });
    }
    const { token, expiresAt } = await tokens.issue({ sub: agent.id, role: agent.role, sid: randomBytes(8).toString('hex') });
    log.log('info', 'login', { agent: agent.id });
    const response: LoginResponse = { token, expiresAt, agent: toProfile(agent) };
    return response;
  });

  app.post('/api/refresh', async (req, reply) => {
    const header = req.headers.authorization ?? '';
    const claims = await tokens.verify(header.replace(/^Bearer /, ''));
    const agent = claims.ok ? store.agent(claims.value.sub) : null;
    if (!claims.ok || !agent) return reply.status(401).send({ error: { code: 'unauthenticated', message: 'sign in again' } });
    const { token, expiresAt } = await tokens.issue({ sub: agent.id, role: agent.role, sid: claims.value.sid });
    const response: LoginResponse = { token, expiresAt, agent: toProfile(agent) };
    return response;
  });

  app.get('/widget', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(widgetPage()));
  app.get('/widget/ws', { websocket: true }, (socket) => widget.handle(socket));
  app.get('/agent/ws', { websocket: true }, (socket) =>
    handleAgentSocket(socket, { store, bus, presence, router, conversations, tokens, log }),
  );

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
    tokens,
    async close() {
      router.stop();
      await app.close();
      store.close();
    },
  };
}
