/**
 * The whole product around the phone: a real hub process with telephony (SIP env), a real
 * Kamailio asking that hub where queue calls go, the real web host in front of that hub, and a
 * static server for the phone harness that customer parties use.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type RunningKamailio } from '../../../src/host/telephony/start-kamailio';
import { startSipStack, type RunningSipStack, type SipStackOptions } from '../../../src/host/telephony/start-sip-stack';
import { issueSipCredentials } from '../../../src/hub/sip/sip-credentials.js';
import type { PartyRig } from './sip-party.js';
import { freePort, serveHarness } from './sip-rig.js';
import { harnessDir } from './sip-suite.js';
import { startWebHostProcess, type WebHostProcess } from './web-host-process.js';

export interface PhoneAppWorld {
  webHost: WebHostProcess;
  hubUrl: string;
  /** The hub's data directory (hub.sqlite, supervision's tables among the hub's). */
  hubDataDir: string;
  kamailio: RunningKamailio;
  /** Kamailio, rtpengine and (when asked for) the carrier trunk. */
  sip: RunningSipStack;
  /** For Party.launch: customers and second agents get credentials from the same secret as the hub. */
  partyRig: PartyRig;
  stop(): Promise<void>;
}

const DOMAIN = 'switchboard.test';

function startSipHub(dataDir: string, port: number, env: Record<string, string>, args: string[] = []): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', '--port', String(port), '--data-dir', dataDir, '--demo', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-6_000);
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub did not start:\n${stderr}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('"listening"')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: `http://127.0.0.1:${port}`, stop });
    });
  });
}

export interface PhoneAppWorldOptions {
  /** More hub settings from the environment, e.g. SUPERVISION_PBX_DIAL. */
  hubEnv?: Record<string, string>;
  /** The demo desk's customers with their histories (hub --demo-desk), not only the demo accounts. */
  demoDesk?: boolean;
  /** A carrier trunk on Kamailio (trusted addresses, outbound gateways, caller ID). */
  trunk?: SipStackOptions['trunk'];
  /** Kamailio's log file (default SWITCHBOARD_KAMAILIO_LOG, else kept in memory). */
  kamailioLog?: string;
}

export async function startPhoneAppWorld(options: PhoneAppWorldOptions = {}): Promise<PhoneAppWorld> {
  const secret = randomBytes(24).toString('base64url');
  // Hub and Kamailio name each other, so both ports are chosen before either starts.
  const [hubPort, wsPort, sipPort] = [await freePort(), await freePort(), await freePort()];
  const wsUrl = `ws://127.0.0.1:${wsPort}`;
  const hubData = await mkdtemp(join(tmpdir(), 'switchboard-phone-hub-'));
  // rtpengine reports the keys callers press to the hub (trunk calls).
  const dtmfListen = options.trunk ? `127.0.0.1:${await freePort()}` : undefined;
  // The hub plays prompts to waiting callers through the same rtpengine Kamailio uses.
  const rtpengineNg = options.trunk ? await freePort() : undefined;
  // rtpengine records trunk calls here (pcap method); the hub assembles the recordings from it.
  const recordingDir = options.trunk ? await mkdtemp(join(tmpdir(), 'switchboard-rtp-recordings-')) : undefined;
  const hub = await startSipHub(hubData, hubPort, {
    ...options.hubEnv,
    SIP_SECRET: secret,
    SIP_DOMAIN: DOMAIN,
    SIP_WS_URL: wsUrl,
    ...(dtmfListen ? { SIP_DTMF_LISTEN: dtmfListen } : {}),
    // The hub continues or releases waiting callers through Kamailio's plain SIP TCP port.
    SIP_KAMAILIO_URL: `http://127.0.0.1:${sipPort}`,
    ...(rtpengineNg ? { SIP_RTPENGINE_NG: `127.0.0.1:${rtpengineNg}` } : {}),
    ...(recordingDir ? { SIP_RECORDING_DIR: recordingDir } : {}),
  }, options.demoDesk ? ['--demo-desk'] : []);
  const stops: Array<() => Promise<void>> = [async () => hub.stop(), () => rm(hubData, { recursive: true, force: true })];
  if (recordingDir) stops.push(() => rm(recordingDir, { recursive: true, force: true }));
  try {
    const sip = await startSipStack({
      wsPort,
      sipPort,
      hubUrl: hub.url,
      secret,
      domain: DOMAIN,
      ...(options.kamailioLog || process.env.SWITCHBOARD_KAMAILIO_LOG ? { logFile: options.kamailioLog ?? process.env.SWITCHBOARD_KAMAILIO_LOG } : {}),
      rtpengine: {
        ...(process.env.SWITCHBOARD_RTPENGINE_LOG ? { logFile: process.env.SWITCHBOARD_RTPENGINE_LOG } : {}),
        ...(dtmfListen ? { dtmfLogDest: dtmfListen } : {}),
        ...(rtpengineNg ? { ngPort: rtpengineNg } : {}),
        ...(recordingDir ? { recordingDir } : {}),
      },
      ...(options.trunk ? { trunk: options.trunk } : {}),
    });
    const kamailio = sip.kamailio;
    stops.unshift(() => sip.stop());
    const statics = await serveHarness(await harnessDir());
    stops.unshift(() => new Promise<void>((resolve) => statics.server.close(() => resolve())));
    const webHost = await startWebHostProcess({ hubUrl: hub.url });
    stops.unshift(async () => {
      await webHost.stop();
      await rm(webHost.dataDir, { recursive: true, force: true });
    });
    return {
      webHost,
      hubUrl: hub.url,
      hubDataDir: hubData,
      kamailio,
      sip,
      partyRig: {
        harnessUrl: statics.url,
        credentials(sipUser) {
          const issued = issueSipCredentials({ sipUser, secret, ttlSeconds: 3600, domain: DOMAIN, wsUrl });
          return { wsUrl: issued.wsUrl, uri: issued.uri, authorizationUsername: issued.authorizationUsername, password: issued.password };
        },
      },
      async stop() {
        for (const stop of stops) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }
}
