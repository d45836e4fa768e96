import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { HubConfigInput } from '../../../src/hub/config';

/** A cluster instance in a child process (cluster-hub-main.ts): killed with -9 as in a crash. */
export interface ClusterHubProcess {
  url: string;
  child: ChildProcess;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

export function startClusterHubProcess(config: HubConfigInput): Promise<ClusterHubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/cluster/support/cluster-hub-main.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLUSTER_HUB_CONFIG: JSON.stringify(config) },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cluster hub did not start:\n${stderr}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cluster hub exited with ${code}:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /"event":"listening","url":"([^"]+)"/.exec(line);
      if (!ready) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: ready[1]!,
        child,
        kill9: async () => {
          child.kill('SIGKILL');
          await exited(child);
        },
        stop: async () => {
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited(child);
          clearTimeout(force);
        },
      });
    });
  });
}
