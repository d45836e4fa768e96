/**
 * Starts the real `kamailio` binary with sip/kamailio.cfg for development and
 * tests. Everything it writes (runtime config with the secret, run dir) lives
 * in a private temp dir, so parallel runs on different ports never collide.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';
import { kamailioBinary, MODULE_DIRS } from './kamailio-installed';
import { startManagedProcess, waitUntilReady } from './managed-process';
import { trunkSchema, trunkFiles, type TrunkOptions } from './trunk-files';
import { derivedSipApiSecret } from './sip-api-secret';

export interface StartKamailioOptions {
  wsPort: number;
  sipPort: number;
  hubUrl: string;
  /** With an https:// hubUrl: the PEM file of the CA that signed the hub's certificate (else the system's CAs). */
  hubCaFile?: string;
  /** auth_ephemeral key (the hub's SIP_SECRET). */
  secret: string;
  /** The routing API's header secret (the hub's SIP_API_SECRET); derived from `secret` as the hub does when absent. */
  apiSecret?: string;
  domain?: string;
  logFile?: string;
  /** Also listen for wss:// here, with a self-signed certificate made for this run. */
  wssPort?: number;
  /**
   * How agents' sipUsers begin (default "agent-", as the hub names them). Only
   * these users may send X-Switchboard-Supervision; Kamailio strips it from anyone else.
   */
  agentPrefix?: string;
  /** A carrier trunk: its listener, who is trusted, the outbound gateways and rtpengine. */
  trunk?: TrunkOptions;
  /** sip/kamailio.cfg, found beside this checkout or bundle when absent. */
  configFile?: string;
  /**
   * SIP_WORKERS: worker processes per UDP listener and for TCP/WebSocket (default 2). Each waits on the hub's
   * routing answer (a synchronous HTTP query) for a new call, so a site taking bursts of calls sets more.
   */
  workers?: number;
}

export interface RunningKamailio {
  stop(): Promise<void>;
  wsUrl: string;
  /** Set when started with wssPort. */
  wssUrl?: string;
  domain: string;
  /** Set when started with a trunk: where the carrier sends calls (UDP and TCP). */
  trunkUri?: string;
}

const port = z.number().int().min(1024).max(65535);
// Values are pasted into #!substdef "!TOKEN!value!g": '!' and '"' would end it.
const substSafe = z.string().regex(/^[^!"\\\r\n]+$/, 'must not contain ! " \\ or newlines');
const optionsSchema = z.object({
  wsPort: port,
  sipPort: port,
  hubUrl: z.url().and(substSafe).transform((u) => u.replace(/\/+$/, '')),
  hubCaFile: substSafe.optional(),
  secret: substSafe.min(16),
  apiSecret: substSafe.min(16).optional(),
  domain: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/)
    .default('switchboard.test'),
  logFile: z.string().optional(),
  wssPort: port.optional(),
  workers: z.number().int().min(1).max(64).default(2),
  // The characters a sipUser may hold (src/hub/sip/sip-credentials.ts), so the prefix can match one.
  agentPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,32}$/, 'agentPrefix: letters, digits, . _ - only')
    .default('agent-'),
  trunk: trunkSchema.optional(),
  configFile: substSafe.optional(),
});

/**
 * sip/kamailio.cfg of this checkout: three folders up from this file under tsx
 * (src/host/telephony), two from the bundle electron-vite writes (out/main).
 */
export function defaultKamailioConfig(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '..', '..', '..', 'sip', 'kamailio.cfg'), resolve(here, '..', '..', 'sip', 'kamailio.cfg')];
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!;
}

export { MODULE_DIRS };

function findModuleDir(): string {
  const found = MODULE_DIRS.find((dir) => existsSync(join(dir, 'websocket.so')));
  if (!found) {
    throw new Error(
      'Kamailio modules not found; install: apt-get install kamailio kamailio-websocket-modules ' +
        'kamailio-autheph-modules kamailio-utils-modules kamailio-json-modules',
    );
  }
  return found;
}

function findTlsModule(moduleDir: string): void {
  if (!existsSync(join(moduleDir, 'tls.so'))) {
    throw new Error('Kamailio TLS module not found (needed for wss://); install: apt-get install kamailio-tls-modules');
  }
}

/**
 * A throwaway self-signed certificate for 127.0.0.1, valid for two days: wss://
 * in development and tests only (browsers are told to accept it).
 */
async function makeSelfSignedCert(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'tls-cert.pem');
  const key = join(dir, 'tls-key.pem');
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1'];
  args.push('-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert);
  await promisify(execFile)('openssl', args).catch((error: unknown) => {
    throw new Error(`openssl could not make a certificate for wss:// (apt-get install openssl): ${String(error)}`);
  });
  return { cert, key };
}

function canConnect(portNumber: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port: portNumber });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

export async function startKamailio(input: StartKamailioOptions): Promise<RunningKamailio> {
  const opts = optionsSchema.parse(input);
  const moduleDir = findModuleDir();
  if (opts.wssPort !== undefined) findTlsModule(moduleDir);
  const workDir = await mkdtemp(join(tmpdir(), 'switchboard-kamailio-'));
  const runtimeConfig = join(workDir, 'kamailio.cfg');
  const defines: Record<string, string> = {
    SB_WS_PORT: String(opts.wsPort),
    SB_SIP_PORT: String(opts.sipPort),
    SB_DOMAIN: opts.domain,
    SB_SECRET: opts.secret,
    SB_API_SECRET: opts.apiSecret ?? derivedSipApiSecret(opts.secret),
    SB_HUB_URL: opts.hubUrl,
    SB_MPATH: moduleDir,
    SB_AGENT_PREFIX: opts.agentPrefix,
    SB_WORKERS: String(opts.workers),
  };
  if (opts.wssPort !== undefined) {
    const tls = await makeSelfSignedCert(workDir).catch(async (error: unknown) => {
      await rm(workDir, { recursive: true, force: true });
      throw error;
    });
    Object.assign(defines, { SB_WSS_PORT: String(opts.wssPort), SB_TLS_CERT: tls.cert, SB_TLS_KEY: tls.key });
  }
  const flags: string[] = opts.wssPort !== undefined ? ['WITH_WSS'] : [];
  if (opts.hubCaFile !== undefined) {
    flags.push('WITH_HUB_CA');
    defines.SB_HUB_CA = opts.hubCaFile;
  }
  if (opts.trunk) {
    const trunk = await trunkFiles(opts.trunk, workDir);
    flags.push(...trunk.flags);
    Object.assign(defines, trunk.defines);
  }
  const header = [
    ...flags.map((flag) => `#!define ${flag}`),
    ...Object.entries(defines).map(([token, value]) => `#!substdef "!${token}!${value}!g"`),
  ].join('\n');
  await writeFile(runtimeConfig, `${header}\ninclude_file "${opts.configFile ?? defaultKamailioConfig()}"\n`, { mode: 0o600 });

  const args = ['-f', runtimeConfig, '-DD', '-E', '-Y', workDir, '-w', workDir, '-m', '64', '-M', '8'];
  const proc = startManagedProcess(kamailioBinary() ?? 'kamailio', args, opts.logFile);
  const cleanup = async (): Promise<void> => {
    await proc.stop();
    await rm(workDir, { recursive: true, force: true });
  };
  const ports = [opts.wsPort, ...(opts.wssPort !== undefined ? [opts.wssPort] : [])];
  const trunkReady = (): Promise<boolean> => (opts.trunk ? canConnect(opts.trunk.port, opts.trunk.address) : Promise.resolve(true));
  try {
    await waitUntilReady(proc, 'kamailio', async () => (await Promise.all(ports.map((p) => canConnect(p)))).every(Boolean) && (await trunkReady()));
  } catch (error) {
    await cleanup();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    wsUrl: `ws://127.0.0.1:${opts.wsPort}`,
    ...(opts.wssPort !== undefined ? { wssUrl: `wss://127.0.0.1:${opts.wssPort}` } : {}),
    ...(opts.trunk ? { trunkUri: `sip:${opts.trunk.address}:${opts.trunk.port}` } : {}),
    domain: opts.domain,
    stop: () => (stopped ??= cleanup()),
  };
}
