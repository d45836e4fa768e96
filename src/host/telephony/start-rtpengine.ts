/**
 * Starts the real `rtpengine` media proxy in userspace (no kernel module: --table=-1) for
 * development and tests, on loopback by default, with its ng control socket on `ngPort`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ngPing } from './ng-ping';
import { startManagedProcess, waitUntilReady } from './managed-process';

export interface StartRtpengineOptions {
  ngPort: number;
  /** Address rtpengine sends and receives media on (default 127.0.0.1). */
  interface?: string;
  /** Port range for media; each call leg takes two ports (RTP and RTCP). */
  portMin?: number;
  portMax?: number;
  /** rtpengine reports every DTMF digit it sees as a JSON datagram to this host:port. */
  dtmfLogDest?: string;
  /** Recordings (pcap per call plus metadata) are written under this directory. */
  recordingDir?: string;
  logFile?: string;
}

export interface RunningRtpengine {
  /** host:port of the ng control socket, for Kamailio's rtpengine_sock and the hub. */
  ngAddress: string;
  interface: string;
  portMin: number;
  portMax: number;
  /** The daemon's process id (for CPU accounting and monitoring). */
  pid: number;
  stop(): Promise<void>;
}

const port = z.number().int().min(1024).max(65535);
const optionsSchema = z
  .object({
    ngPort: port,
    interface: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
    portMin: port.default(30000),
    portMax: port.default(30999),
    dtmfLogDest: z
      .string()
      .regex(/^[^\s:]+:\d+$/)
      .optional(),
    recordingDir: z.string().min(1).optional(),
    logFile: z.string().optional(),
  })
  .refine((o) => o.portMax - o.portMin >= 3, { message: 'the media port range needs at least 4 ports' });

export async function startRtpengine(input: StartRtpengineOptions): Promise<RunningRtpengine> {
  const opts = optionsSchema.parse(input);
  const workDir = await mkdtemp(join(tmpdir(), 'switchboard-rtpengine-'));
  const ngAddress = `127.0.0.1:${opts.ngPort}`;
  const args = [
    // Debian's /etc/rtpengine/rtpengine.conf opens fixed CLI and HTTP ports (2224, 2225): two instances would collide.
    '--config-file=none',
    '--foreground',
    '--log-stderr',
    '--table=-1',
    `--interface=${opts.interface}`,
    `--listen-ng=${ngAddress}`,
    `--port-min=${opts.portMin}`,
    `--port-max=${opts.portMax}`,
    `--pidfile=${join(workDir, 'rtpengine.pid')}`,
    // Media of a call nobody tears down (a lost BYE) is dropped after a minute of silence.
    '--timeout=60',
    '--silent-timeout=3600',
    '--delete-delay=0',
    '--log-level=5',
  ];
  if (opts.dtmfLogDest) args.push(`--dtmf-log-dest=${opts.dtmfLogDest}`);
  if (opts.recordingDir) args.push(`--recording-dir=${opts.recordingDir}`, '--recording-method=pcap', '--recording-format=eth');
  const proc = startManagedProcess('rtpengine', args, opts.logFile);
  const cleanup = async (): Promise<void> => {
    await proc.stop();
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(proc, 'rtpengine', () => ngPing('127.0.0.1', opts.ngPort, 300));
  } catch (error) {
    await cleanup();
    if (error instanceof Error && /ENOENT/.test(error.message)) {
      throw new Error('rtpengine not found; install: apt-get install rtpengine-daemon', { cause: error });
    }
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    ngAddress,
    interface: opts.interface,
    portMin: opts.portMin,
    portMax: opts.portMax,
    pid: proc.child.pid ?? 0,
    stop: () => (stopped ??= cleanup()),
  };
}
