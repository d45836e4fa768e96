import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startHubProcess, type HubProcess } from './support/hub-process';
import { WidgetVisitor } from './support/widget-visitor';

let hub: HubProcess | null = null;
const children: ChildProcess[] = [];
afterAll(async () => {
  children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
  await hub?.stop();
});

function hostChild(hubUrl: string, dataDir: string, conversation: string, count: number, onLine: (event: { event: string; n?: number }) => void): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/integration/support/host-child.ts', '--hub-url', hubUrl, '--data-dir', dataDir, '--conversation', conversation, '--count', String(count)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) onLine(JSON.parse(line) as { event: string; n?: number });
  });
  return child;
}

describe('host crash', () => {
  it('kill -9 of the host in the middle of 100 replies: the next run completes the outbox without duplicates', async () => {
    const hubDir = mkdtempSync(join(tmpdir(), 'host-crash-hub-'));
    const hostDir = mkdtempSync(join(tmpdir(), 'host-crash-host-'));
    hub = await startHubProcess(hubDir, await freePort());
    const visitor = new WidgetVisitor(hub.url, 'host-crash-visitor');
    await visitor.start();
    await visitor.say('请帮我查一下订单', 'host-crash-key-0001');
    visitor.close();
    const hubDb = new Database(join(hubDir, 'hub.sqlite'), { readonly: true });
    const conversation = (hubDb.prepare('SELECT id FROM conversations LIMIT 1').get() as { id: string }).id;
    const replies = () => (hubDb.prepare(`SELECT text FROM messages WHERE direction = 'out'`).all() as Array<{ text: string }>).map((r) => r.text);

    // Killed once every reply is in the outbox (the agent's send returned for each) and at least ten went out:
    // the cache writes in its own thread, so sending starts while the later replies are still being queued.
    let killedAt = -1;
    let queued = false;
    let sent = 0;
    const first = hostChild(hub.url, hostDir, conversation, 100, (e) => {
      if (e.event === 'queued') queued = true;
      if (e.event === 'sent') sent = e.n ?? sent;
      if (queued && sent >= 10 && killedAt < 0) {
        killedAt = sent;
        first.kill('SIGKILL');
      }
    });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the first host never got to send')), 60_000);
      first.once('exit', () => resolve(clearTimeout(timer)));
    });
    expect(killedAt).toBeGreaterThan(0);
    const beforeRestart = replies().length;
    expect(beforeRestart).toBeLessThan(100);

    let drained = false;
    const second = hostChild(hub.url, hostDir, conversation, 0, (e) => {
      if (e.event === 'drained') drained = true;
    });
    const deadline = Date.now() + 60_000;
    while (!drained && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    second.kill('SIGTERM');
    expect(drained).toBe(true);

    const texts = replies();
    const expected = Array.from({ length: 100 }, (_x, i) => `host crash reply ${i}`);
    expect(texts).toEqual(expected);
    hubDb.close();
  }, 240_000);
});
