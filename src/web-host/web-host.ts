import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { Logger } from '../shared/log';
import { MAX_FRAME_BYTES } from '../shared/rpc/frames';
import { createRpcServer } from '../shared/rpc/rpc-server';
import { startEmbeddedHub, type EmbeddedHub } from '../host/embedded-hub';
import { startHostServices } from '../host/host-services';
import { kamailioInstalled } from '../host/telephony/kamailio-installed';
import { demoTelephonyPorts, prepareDemoTelephony, type RunningDemoTelephony } from '../host/telephony/demo-telephony';
import { wsRpcPort } from './ws-rpc-port';

export interface WebHostOptions {
  port: number;
  rendererDir: string;
  dataDir: string;
  hubUrl?: string;
  /** For the embedded hub: the living demo desk (default) or demo accounts alone, demo traffic, and a phone (Kamailio beside it). */
  demo?: { desk: boolean; traffic: boolean; phone: boolean };
  log: Logger;
}

export interface WebHost {
  url: string;
  /** The page URL including the per-start token, as printed for the user. */
  openUrl: string;
  hubUrl: string;
  stop(): Promise<void>;
}

const tokensMatch = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The browser shell: the same host services as the Electron main process, carried over a
 * loopback WebSocket that only a page holding this start's token may use.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { log } = options;
  const token = randomBytes(24).toString('base64url');
  let hub: EmbeddedHub | null = null;
  let sipServers: RunningDemoTelephony | null = null;
  if (!options.hubUrl) {
    const telephony = (options.demo?.phone ?? true) && kamailioInstalled() ? await prepareDemoTelephony(log, demoTelephonyPorts(process.env)) : null;
    hub = await startEmbeddedHub({
      command: process.execPath,
      args: ['--import', 'tsx', fileURLToPath(new URL('../hub/cli.ts', import.meta.url))],
      env: { ...process.env, ...telephony?.hubEnv },
      dataDir: `${options.dataDir}/hub`,
      demoDesk: options.demo?.desk ?? true,
      demoTraffic: options.demo?.traffic ?? true,
      log,
    });
    sipServers = (await telephony?.start(hub.url)) ?? null;
  }
  try {
    return await serveWebHost(options, token, hub, sipServers);
  } catch (cause) {
    // Nothing started here outlives a failed start.
    await sipServers?.stop();
    await hub?.stop();
    throw cause;
  }
}

async function serveWebHost(options: WebHostOptions, token: string, hub: EmbeddedHub | null, sipServers: RunningDemoTelephony | null): Promise<WebHost> {
  const { log } = options;
  const hubUrl = options.hubUrl ?? hub!.url;
  const rpc = createRpcServer(log);
  const services = startHostServices({ hubUrl, dataDir: options.dataDir }, rpc, log);

  const serve = sirv(options.rendererDir, { single: true, dev: false, etag: true });
  const server: Server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    serve(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES * 4 });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const origin = `http://127.0.0.1:${port}`;

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    // Other sites open in the same browser must not reach the agent's session.
    const allowedOrigins = [origin, `http://localhost:${port}`];
    if (url.pathname !== '/rpc' || !allowedOrigins.includes(req.headers.origin ?? '')) {
      log.log('warn', 'rpc socket refused: wrong path or origin', { origin: req.headers.origin ?? '' });
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!tokensMatch(url.searchParams.get('token') ?? '', token)) {
        log.log('warn', 'rpc socket refused: wrong token');
        ws.send(JSON.stringify({ t: 'res', id: null, r: { ok: false, error: { code: 'transport_unauthorized', message: 'wrong or missing token: open the URL the web host printed' } } }));
        ws.close(4401, 'unauthenticated');
        return;
      }
      const detach = rpc.attach(wsRpcPort(ws));
      ws.on('close', detach);
    });
  });

  return {
    url: origin,
    openUrl: `${origin}/#token=${token}`,
    hubUrl,
    async stop() {
      await services.stop();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sipServers?.stop();
      await hub?.stop();
    },
  };
}
