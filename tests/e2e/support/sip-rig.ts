/**
 * Everything a softphone e2e test needs besides the browsers: a real
 * Kamailio, a stand-in for the hub's /sip routes (the real registerSipRoutes
 * on Fastify, routing every queue call to one configurable agent), a static
 * server for the bundled phone harness, and credential minting.
 */
import { sipApiSecret } from '../../../src/hub/sip/sip-api-secret';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import fastify, { type FastifyInstance } from 'fastify';
import { freePort } from '../../../src/host/telephony/free-port';
import { startKamailio, type RunningKamailio } from '../../../src/host/telephony/start-kamailio';
import { startSipStack, type RunningSipStack, type SipStackOptions } from '../../../src/host/telephony/start-sip-stack';
import { issueSipCredentials } from '../../../src/hub/sip/sip-credentials.js';
import { registerSipRoutes, type CallEvent, type RouteDecision, type RouteQuery } from '../../../src/hub/sip/sip-routes.js';

export { freePort };

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

export async function serveHarness(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('static server has no address');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

export interface SipRig {
  kamailio: RunningKamailio;
  hub: FastifyInstance;
  harnessUrl: string;
  domain: string;
  /** What the stand-in hub answers for the next queue call. */
  routeTo: RouteDecision;
  /** Kamailio's routing questions; `at` (epoch ms) is when the hub stand-in received each. */
  routeQueries: Array<RouteQuery & { at: number }>;
  callEvents: CallEvent[];
  /** Hub-issued credentials; `secure` hands out the wss:// URL (rig started with wss). */
  credentials(sipUser: string, secure?: boolean): { wsUrl: string; uri: string; authorizationUsername: string; password: string };
  stop(): Promise<void>;
  restartKamailio(): Promise<void>;
  /** Kamailio with rtpengine and the trunk, when the rig was started with one. */
  stack?: RunningSipStack;
}

export interface SipRigOptions {
  logFile?: string;
  /** Kamailio also listens for wss:// (self-signed certificate). */
  wss?: boolean;
  /** A carrier trunk with rtpengine beside Kamailio (then `stack` is set). */
  trunk?: SipStackOptions['trunk'];
}

export async function startSipRig(harnessDir: string, options: SipRigOptions = {}): Promise<SipRig> {
  const { logFile } = options;
  const secret = randomBytes(24).toString('base64url');
  const domain = 'switchboard.test';
  const hub = fastify();
  const rig = {
    routeTo: { action: 'agent', sipUser: 'agent-1', conversationId: 'conv_e2e' } as RouteDecision,
    routeQueries: [] as SipRig['routeQueries'],
    callEvents: [] as CallEvent[],
  };
  registerSipRoutes(hub, {
    // Kamailio sends the routing-API secret, derived from the auth_ephemeral key as the hub derives it.
    secret: sipApiSecret({ secret }),
    domain,
    routeCall: async (call) => {
      rig.routeQueries.push({ ...call, at: Date.now() });
      return rig.routeTo;
    },
    callEvent: async (event) => {
      rig.callEvents.push(event);
    },
  });
  const hubUrl = await hub.listen({ host: '127.0.0.1', port: 0 });
  const statics = await serveHarness(harnessDir);
  const wsPort = await freePort();
  const sipPort = await freePort();
  const wssPort = options.wss ? await freePort() : undefined;
  const kamailioOptions = { wsPort, sipPort, hubUrl, secret, domain, ...(logFile ? { logFile } : {}), ...(wssPort ? { wssPort } : {}) };
  const stack = options.trunk ? await startSipStack({ ...kamailioOptions, trunk: options.trunk }) : undefined;
  let kamailio = stack?.kamailio ?? (await startKamailio(kamailioOptions));

  const result: SipRig = {
    get kamailio() {
      return kamailio;
    },
    hub,
    harnessUrl: statics.url,
    domain,
    get routeTo() {
      return rig.routeTo;
    },
    set routeTo(value: RouteDecision) {
      rig.routeTo = value;
    },
    routeQueries: rig.routeQueries,
    callEvents: rig.callEvents,
    credentials(sipUser, secure = false) {
      const wsUrl = secure ? kamailio.wssUrl : kamailio.wsUrl;
      if (!wsUrl) throw new Error('this rig was started without wss://');
      const issued = issueSipCredentials({ sipUser, secret, ttlSeconds: 3600, domain, wsUrl });
      return {
        wsUrl: issued.wsUrl,
        uri: issued.uri,
        authorizationUsername: issued.authorizationUsername,
        password: issued.password,
      };
    },
    ...(stack ? { stack } : {}),
    async restartKamailio() {
      if (stack) throw new Error('restartKamailio: this rig runs Kamailio with rtpengine and a trunk; restart the rig');
      await kamailio.stop();
      kamailio = await startKamailio(kamailioOptions);
    },
    async stop() {
      await (stack ?? kamailio).stop();
      await hub.close();
      await new Promise<void>((resolve) => statics.server.close(() => resolve()));
    },
  };
  return result;
}
