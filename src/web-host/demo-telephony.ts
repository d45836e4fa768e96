import { randomBytes } from 'node:crypto';
import type { Logger } from '../shared/log';
import { freePort } from '../../scripts/sip/free-port';
import { startKamailio } from '../../scripts/sip/start-kamailio';
import { startSipStack } from '../../scripts/sip/start-sip-stack';

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

export async function prepareDemoTelephony(log: Logger): Promise<DemoTelephony> {
  const [wsPort, sipPort] = [await freePort(), await freePort()];
  const secret = randomBytes(24).toString('base64url');
  const options = { wsPort, sipPort, secret, domain: DOMAIN };
  return {
    hubEnv: { SIP_SECRET: secret, SIP_DOMAIN: DOMAIN, SIP_WS_URL: `ws://127.0.0.1:${wsPort}` },
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
