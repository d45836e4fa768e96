import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createMemoryLogger } from '../shared/log';
import { startWebHost, type WebHost } from './web-host';

/** The web host's own guard: only a page from its origin holding this start's token may use the services. */
describe('the web host', () => {
  let host: WebHost;
  const log = createMemoryLogger();

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-host-test-'));
    // No hub is needed to check the transport's guard; the address is simply unreachable.
    host = await startWebHost({ port: 0, rendererDir: dir, dataDir: dir, hubUrl: 'http://127.0.0.1:9', log });
  });
  afterAll(async () => {
    await host.stop();
  });

  const token = (): string => new URL(host.openUrl.replace('#', '?')).searchParams.get('token') ?? '';

  function open(query: string, origin: string): Promise<{ frames: string[]; closeCode: number }> {
    return new Promise((resolve) => {
      const frames: string[] = [];
      const ws = new WebSocket(`${host.url.replace('http', 'ws')}/rpc${query}`, { origin });
      ws.on('message', (d) => frames.push(String(d)));
      ws.on('open', () => ws.send(JSON.stringify({ t: 'req', id: 1, c: 'session', m: 'status', a: {} })));
      ws.on('error', () => resolve({ frames, closeCode: -1 }));
      ws.on('close', (code) => resolve({ frames, closeCode: code }));
      setTimeout(() => ws.close(), 1_500);
    });
  }

  it('serves the services to a page with the token', async () => {
    const { frames } = await open(`?token=${token()}`, host.url);
    const answer = JSON.parse(frames.find((f) => f.includes('"id":1')) ?? '{}') as { r?: { ok: boolean; value?: { connection: { status: string } } } };
    expect(answer.r?.ok).toBe(true);
    expect(answer.r?.value?.connection.status).toBe('signed_out');
  });

  it('answers a wrong token with an error value, logs it without the token, and closes', async () => {
    const { frames, closeCode } = await open('?token=not-the-token', host.url);
    expect(closeCode).toBe(4401);
    expect(frames[0]).toContain('transport_unauthorized');
    expect(frames.some((f) => f.includes('"id":1') && f.includes('"ok":true'))).toBe(false);
    expect(log.entries.some((e) => e.message.includes('wrong token'))).toBe(true);
    expect(JSON.stringify(log.entries)).not.toContain(token());
  });

  it('refuses a socket opened by another site', async () => {
    const { frames, closeCode } = await open(`?token=${token()}`, 'https://evil.example');
    expect(frames).toEqual([]);
    expect(closeCode).not.toBe(1000);
  });
});
