import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Logger } from '../shared/log';
import { startKamailio, type RunningKamailio } from '../../scripts/sip/start-kamailio';

/**
 * The demo's phone out of the box: a Kamailio on loopback beside the embedded hub, sharing a
 * fresh secret, so signing in registers the agent's phone. Where Kamailio or its modules are not
 * installed the demo runs without telephony, and the top bar says what to install.
 */
export interface DemoTelephony {
  /** What the embedded hub needs in its environment to issue SIP credentials and route calls. */
  hubEnv: NodeJS.ProcessEnv;
  /** Starts Kamailio once the hub's address is known; null (and a log line) when it cannot run. */
  start(hubUrl: string): Promise<RunningKamailio | null>;
}

const DOMAIN = 'switchboard.test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function prepareDemoTelephony(log: Logger): Promise<DemoTelephony> {
  const [wsPort, sipPort] = [await freePort(), await freePort()];
  const secret = randomBytes(24).toString('base64url');
  return {
    hubEnv: { SIP_SECRET: secret, SIP_DOMAIN: DOMAIN, SIP_WS_URL: `ws://127.0.0.1:${wsPort}` },
    async start(hubUrl) {
      try {
        const kamailio = await startKamailio({ wsPort, sipPort, hubUrl, secret, domain: DOMAIN });
        log.log('info', 'demo telephony started', { wsUrl: kamailio.wsUrl });
        return kamailio;
      } catch (cause) {
        log.log('warn', 'demo telephony is off: Kamailio could not start', { detail: cause instanceof Error ? cause.message.split('\n')[0]! : String(cause) });
        return null;
      }
    },
  };
}
