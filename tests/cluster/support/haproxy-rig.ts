import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../src/host/telephony/free-port';
import { answers, startRigDaemon } from './rig-daemon';

/** The repository's own HAProxy config: the rig runs exactly what an operator deploys. */
export const HAPROXY_CONFIG = fileURLToPath(new URL('../../../deploy/haproxy/haproxy.cfg', import.meta.url));

/** One hub server as HAProxy sees it: its health ('UP', 'DOWN', …) and the connections it carries now. */
export interface ServerState {
  status: string;
  sessions: number;
}

/** HAProxy 2.6 in the foreground with the deploy config, its addresses from the environment. */
export interface HaproxyRig {
  /** http://127.0.0.1:PORT: where clients connect. */
  url: string;
  port: number;
  statsUrl: string;
  pid: number;
  dir: string;
  /** Each hub server's state from HAProxy's status page, by server name (hub1…hub3). */
  servers(): Promise<Record<string, ServerState>>;
  stop(): Promise<void>;
}

export interface HaproxyRigOptions {
  /** host:port of hub1, hub2, hub3 (the config has three slots; unused ones point at a closed port). */
  hubs: readonly string[];
  checkInterval?: string;
}

export async function startHaproxy(options: HaproxyRigOptions): Promise<HaproxyRig> {
  if (!existsSync('/usr/sbin/haproxy')) throw new Error('HAProxy is not installed (apt-get install haproxy)');
  if (options.hubs.length > 3) throw new Error('the deploy config has three hub slots');
  const [port, statsPort, closed] = [await freePort(), await freePort(), await freePort()];
  const slot = (i: number): string => options.hubs[i] ?? `127.0.0.1:${closed}`;
  const statsUrl = `http://127.0.0.1:${statsPort}`;
  const env = {
    ...process.env,
    SWITCHBOARD_LISTEN: `127.0.0.1:${port}`,
    HAPROXY_STATS: `127.0.0.1:${statsPort}`,
    HUB1: slot(0),
    HUB2: slot(1),
    HUB3: slot(2),
    HUB_CHECK_INTERVAL: options.checkInterval ?? '2s',
  };
  // SIGTERM (the default stop) is HAProxy's hard stop: open tunnels are cut instead of drained for up to an hour.
  const daemon = await startRigDaemon('switchboard-haproxy', async (dir) => ({
    name: 'haproxy',
    command: '/usr/sbin/haproxy',
    args: ['-db', '-f', HAPROXY_CONFIG, '-p', join(dir, 'haproxy.pid')],
    options: { env },
    ready: () => answers(`${statsUrl}/stats;csv`),
  }));
  const servers = async (): Promise<Record<string, ServerState>> => {
    const csv = await (await fetch(`${statsUrl}/stats;csv`)).text();
    const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
    const columns = (header ?? '').split(',');
    const at = (row: string[], column: string): string => row[columns.indexOf(column)] ?? '';
    const out: Record<string, ServerState> = {};
    for (const row of rows.map((r) => r.split(','))) {
      const name = at(row, 'svname');
      if (at(row, 'pxname') === 'hubs' && /^hub\d$/.test(name)) out[name] = { status: at(row, 'status').split(' ')[0] ?? '', sessions: Number(at(row, 'scur')) };
    }
    return out;
  };
  return { ...daemon, url: `http://127.0.0.1:${port}`, port, statsUrl, servers };
}
