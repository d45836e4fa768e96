/**
 * The telephony edge in one call: rtpengine (media anchor) and Kamailio beside it, optionally
 * with a carrier trunk. Ports not given are chosen free, so tests and the demo can run several
 * at once. `npm run sip`, the e2e worlds and the demo hub (npm start, npm run start:web) all start it this way.
 */
import { freePort } from './free-port';
import { startKamailio, type RunningKamailio, type StartKamailioOptions } from './start-kamailio';
import { startRtpengine, type RunningRtpengine, type StartRtpengineOptions } from './start-rtpengine';
import type { TrunkOptions } from './trunk-files';

export interface SipStackOptions {
  hubUrl: string;
  secret: string;
  domain?: string;
  /** ws:// port for the browsers; free if absent. */
  wsPort?: number;
  /** Plain SIP port (UDP+TCP) for diagnostics; free if absent. */
  sipPort?: number;
  wssPort?: number;
  agentPrefix?: string;
  /** Kamailio's log (default: kept in memory, shown when it fails to start). */
  logFile?: string;
  /** A carrier trunk; its rtpengine socket is filled in. `port` free if absent. */
  trunk?: Omit<TrunkOptions, 'rtpengine' | 'port'> & { port?: number };
  rtpengine?: Partial<StartRtpengineOptions>;
  /** sip/kamailio.cfg, when not beside this code. */
  configFile?: string;
  /** Kamailio's worker processes per listener (SIP_WORKERS, default 2). */
  workers?: number;
}

export interface RunningSipStack {
  kamailio: RunningKamailio;
  rtpengine: RunningRtpengine;
  /** Where browsers connect: ws://127.0.0.1:PORT */
  wsUrl: string;
  /** Where the carrier sends calls, when a trunk is configured: sip:ADDR:PORT */
  trunkUri?: string;
  ports: { ws: number; sip: number; trunk?: number; rtpengineNg: number };
  /** Stops Kamailio, then rtpengine; safe to call twice. */
  stop(): Promise<void>;
}

/** A random block of `size` even-aligned media ports, so parallel runs rarely contend (rtpengine skips ports in use anyway). */
export function mediaPortRange(size = 600): { portMin: number; portMax: number } {
  const base = 20000 + 2 * Math.floor(Math.random() * ((12000 - size) / 2));
  return { portMin: base, portMax: base + size - 1 };
}

export async function startSipStack(options: SipStackOptions): Promise<RunningSipStack> {
  const ngPort = options.rtpengine?.ngPort ?? (await freePort());
  const rtpengine = await startRtpengine({ ...mediaPortRange(), ...options.rtpengine, ngPort });
  try {
    const ws = options.wsPort ?? (await freePort());
    const sip = options.sipPort ?? (await freePort());
    const trunkPort = options.trunk ? (options.trunk.port ?? (await freePort())) : undefined;
    const kamailioOptions: StartKamailioOptions = {
      wsPort: ws,
      sipPort: sip,
      hubUrl: options.hubUrl,
      secret: options.secret,
      ...(options.domain ? { domain: options.domain } : {}),
      ...(options.wssPort ? { wssPort: options.wssPort } : {}),
      ...(options.agentPrefix ? { agentPrefix: options.agentPrefix } : {}),
      ...(options.logFile ? { logFile: options.logFile } : {}),
      ...(options.configFile ? { configFile: options.configFile } : {}),
      ...(options.workers ? { workers: options.workers } : {}),
      ...(options.trunk && trunkPort ? { trunk: { ...options.trunk, port: trunkPort, rtpengine: rtpengine.ngAddress } } : {}),
    };
    const kamailio = await startKamailio(kamailioOptions);
    let stopped: Promise<void> | undefined;
    return {
      kamailio,
      rtpengine,
      wsUrl: kamailio.wsUrl,
      ...(kamailio.trunkUri ? { trunkUri: kamailio.trunkUri } : {}),
      ports: { ws, sip, ...(trunkPort ? { trunk: trunkPort } : {}), rtpengineNg: ngPort },
      stop: () =>
        (stopped ??= (async () => {
          await kamailio.stop();
          await rtpengine.stop();
        })()),
    };
  } catch (error) {
    await rtpengine.stop();
    throw error;
  }
}
