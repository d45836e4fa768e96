import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })).status === 200;
  } catch {
    return false;
  }
}

/** `npm run start:web` as a user runs it: a real web host with a real embedded hub process. */
describe('the web host command', () => {
  it('starts an embedded hub, prints where to go, and Ctrl-C stops every child', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'web-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/web-host/cli.ts', '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const ready = new Promise<{ url: string; hubUrl: string }>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (line.startsWith('{')) resolve(JSON.parse(line) as { url: string; hubUrl: string });
      });
    });
    const { url, hubUrl } = await ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    await expect.poll(() => lines.some((l) => l.includes('Open http://127.0.0.1'))).toBe(true);
    expect(await healthy(hubUrl)).toBe(true);
    expect((await fetch(url.replace(/#.*/, ''))).status).toBe(200);

    child.removeAllListeners('exit');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await healthy(hubUrl)).toBe(false);
  });
});
