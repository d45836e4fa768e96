import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Logger } from '../shared/log';

export interface EmbeddedHub {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface EmbeddedHubOptions {
  /** How to run the hub: `node --import tsx src/hub/cli.ts` under the web host, the bundled hub under Electron. */
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  dataDir: string;
  port?: number;
  demo?: boolean;
  /** The demo's living desk (about thirty customers with histories) rather than accounts alone. */
  demoDesk?: boolean;
  /** New demo chats arriving while the hub runs. */
  demoTraffic?: boolean;
  log: Logger;
  startTimeoutMs?: number;
}

const readySchema = z.object({ event: z.literal('listening'), url: z.string().url() });

/** Starts the hub as a child process and resolves once it prints that it is listening. */
export function startEmbeddedHub(options: EmbeddedHubOptions): Promise<EmbeddedHub> {
  const args = [...options.args, '--data-dir', options.dataDir, '--port', String(options.port ?? 0)];
  if (options.demo ?? true) {
    args.push('--demo');
    if (options.demoDesk) args.push('--demo-desk');
    if (options.demoTraffic) args.push('--demo-traffic');
  }
  const child = spawn(options.command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));

  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error('the embedded hub did not start in time'));
    }, options.startTimeoutMs ?? 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the embedded hub exited with code ${code ?? 'null'}`));
    });
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return;
      }
      const ready = readySchema.safeParse(json);
      if (!ready.success) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      options.log.log('info', 'embedded hub started', { url: ready.data.url });
      resolve({ url: ready.data.url, process: child, stop });
    });
  });
}
