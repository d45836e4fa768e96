import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface WebHostProcess {
  openUrl: string;
  hubUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real web host (and with it a real embedded hub process), as `npm run start:web` does.
 * Specs count on a quiet desk (demo accounts and one VIP, nothing arriving by itself, no demo
 * phone) unless they ask for the living demo, with its Kamailio, with `demo: 'living'`, or for the
 * quiet desk with the demo's phone (Kamailio beside the hub) with `phone: true`.
 */
export function startWebHostProcess(
  options: { hubUrl?: string; dataDir?: string; demo?: 'minimal' | 'living'; phone?: boolean; env?: Record<string, string> } = {},
): Promise<WebHostProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
  const args = ['--import', 'tsx', 'src/web-host/cli.ts', '--port', '0', '--data-dir', dataDir];
  if (options.demo !== 'living') args.push('--minimal-demo', '--no-demo-traffic', ...(options.phone ? [] : ['--no-demo-phone']));
  if (options.hubUrl) args.push('--hub-url', options.hubUrl);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...options.env } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      // The web host stops its hub child itself on SIGTERM.
      child.kill('SIGTERM');
      setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5_000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${stderr}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const ready = JSON.parse(line) as { event: string; url: string; hubUrl: string };
      if (ready.event !== 'listening') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ openUrl: ready.url, hubUrl: ready.hubUrl, dataDir, stop });
    });
  });
}
