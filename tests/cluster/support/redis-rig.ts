import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../scripts/sip/free-port';
import { startManagedProcess, waitUntilReady, type ManagedProcess } from '../../../scripts/sip/managed-process';
import { makeRigDir } from './rig-dir';

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

export async function startRedis(): Promise<RedisRig> {
  if (!existsSync('/usr/bin/redis-server')) throw new Error('Redis is not installed (apt-get install redis-server)');
  const dir = makeRigDir('switchboard-redis');
  let proc: ManagedProcess | null = null;
  try {
    const port = await freePort();
    proc = startManagedProcess(
      '/usr/bin/redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir.path, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
      join(dir.path, 'redis.log'),
    );
    const started = proc;
    await waitUntilReady(started, 'redis-server', async () => started.tail().includes('Ready to accept connections'));
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      pid: started.child.pid ?? -1,
      dir: dir.path,
      command: async (...args) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout.trim(),
      stop: async () => {
        await started.stop();
        dir.remove();
      },
    };
  } catch (cause) {
    await proc?.stop();
    dir.remove();
    throw cause;
  }
}
