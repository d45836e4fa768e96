import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { freePort } from '../../../src/host/telephony/free-port';
import { startRigDaemon } from './rig-daemon';

const run = promisify(execFile);

/** A throwaway Redis 7 on a free loopback port: no persistence, its folder deleted on stop. */
export interface RedisRig {
  url: string;
  port: number;
  pid: number;
  dir: string;
  /** One command through redis-cli, its reply as text (tests only). */
  command(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** `port`: the one a stopped rig had, to bring "the same" Redis back. */
export async function startRedis(options: { port?: number } = {}): Promise<RedisRig> {
  if (!existsSync('/usr/bin/redis-server')) throw new Error('Redis is not installed (apt-get install redis-server)');
  const port = options.port ?? (await freePort());
  const daemon = await startRigDaemon('switchboard-redis', async (dir) => ({
    name: 'redis-server',
    command: '/usr/bin/redis-server',
    args: ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
    ready: async (tail) => tail.includes('Ready to accept connections'),
  }));
  return {
    ...daemon,
    url: `redis://127.0.0.1:${port}`,
    port,
    command: async (...args) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout.trim(),
  };
}
