import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../shared/log';
import { freePort } from './free-port';
import { startKamailio } from './start-kamailio';
import { startSipStack } from './start-sip-stack';

/**
 * The demo's phone out of the box: Kamailio (with rtpengine where it is installed) on loopback
 * beside the embedded hub, sharing a fresh secret, so signing in registers the agent's phone.
 * Where Kamailio or its modules are not installed the demo runs without telephony, and the top
 * bar says what to install.
 */
export interface RunningDemoTelephony {
  wsUrl: string;
  stop(): Promise<void>;
}

export interface DemoTelephony {
  /** What the embedded hub needs in its environment to issue SIP credentials and route calls. */
  hubEnv: NodeJS.ProcessEnv;
  /** Starts the SIP side once the hub's address is known; null (and a log line) when it cannot run. */
  start(hubUrl: string): Promise<RunningDemoTelephony | null>;
}

const DOMAIN = 'switchboard.test';
const detail = (cause: unknown): string => (cause instanceof Error ? cause.message.split('\n')[0]! : String(cause));

export interface DemoTelephonyOptions {
  /** sip/kamailio.cfg where it is not beside this code (the packaged app's unpacked copy). */
  configFile?: string;
  /** Ports for browsers (ws://) and plain SIP; free ones when absent. */
  wsPort?: number;
  sipPort?: number;
}

const portSchema = z.coerce.number().int().min(1024).max(65535).optional();

/**
 * SWITCHBOARD_SIP_WS_PORT and SWITCHBOARD_SIP_PORT fix the demo's ports (say, for a firewall rule
 * or a second device on the LAN); free ones otherwise. A bad value is an error, not a silent default.
 */
export function demoTelephonyPorts(env: NodeJS.ProcessEnv): Pick<DemoTelephonyOptions, 'wsPort' | 'sipPort'> {
  const parsed = z
    .object({ SWITCHBOARD_SIP_WS_PORT: portSchema, SWITCHBOARD_SIP_PORT: portSchema })
    .safeParse({ SWITCHBOARD_SIP_WS_PORT: env.SWITCHBOARD_SIP_WS_PORT || undefined, SWITCHBOARD_SIP_PORT: env.SWITCHBOARD_SIP_PORT || undefined });
  if (!parsed.success) throw new Error(`SWITCHBOARD_SIP_WS_PORT / SWITCHBOARD_SIP_PORT must be port numbers from 1024 to 65535`);
  const { SWITCHBOARD_SIP_WS_PORT: wsPort, SWITCHBOARD_SIP_PORT: sipPort } = parsed.data;
  return { ...(wsPort ? { wsPort } : {}), ...(sipPort ? { sipPort } : {}) };
}

export async function prepareDemoTelephony(log: Logger, given: DemoTelephonyOptions = {}): Promise<DemoTelephony> {
  const wsPort = given.wsPort ?? (await freePort());
  const sipPort = given.sipPort ?? (await freePort());
  const secret = randomBytes(24).toString('base64url');
  const options = { wsPort, sipPort, secret, domain: DOMAIN, ...(given.configFile ? { configFile: given.configFile } : {}) };
  return {
    // SIP_KAMAILIO_URL lets callers wait in the queue when every agent is busy (Kamailio's HTTP control on its SIP port).
    hubEnv: { SIP_SECRET: secret, SIP_DOMAIN: DOMAIN, SIP_WS_URL: `ws://127.0.0.1:${wsPort}`, SIP_KAMAILIO_URL: `http://127.0.0.1:${sipPort}` },
    async start(hubUrl) {
      try {
        const stack = await startSipStack({ ...options, hubUrl });
        log.log('info', 'demo telephony started', { wsUrl: stack.wsUrl, media: 'rtpengine' });
        return stack;
      } catch (cause) {
        log.log('info', 'demo telephony without rtpengine', { detail: detail(cause) });
      }
      try {
        // Browser-to-browser calls need no media relay; only carrier-trunk calls do.
        const kamailio = await startKamailio({ ...options, hubUrl });
        log.log('info', 'demo telephony started', { wsUrl: kamailio.wsUrl });
        return kamailio;
      } catch (cause) {
        log.log('warn', 'demo telephony is off: Kamailio could not start', { detail: detail(cause) });
        return null;
      }
    },
  };
}
