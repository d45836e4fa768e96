import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { browserWsPort } from '../../src/renderer/rpc/browser-ws-port';
import { sessionContract } from '../../src/shared/contracts/session-contract';
import { createMemoryLogger } from '../../src/shared/log';
import { createRpcClient } from '../../src/shared/rpc/rpc-client';
import { startWebHost, type WebHost } from '../../src/web-host/web-host';

/** The browser's link to a real web host: the page's transport (browser-ws-port) over the shared reconnecting socket. */
describe("the browser page's link to the web host", () => {
  let host: WebHost;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-host-link-'));
    host = await startWebHost({ port: 0, rendererDir: dir, dataDir: dir, hubUrl: 'http://127.0.0.1:9', log: createMemoryLogger() });
    // A browser sends its page's origin with every socket; Node 20 has no WebSocket of its own.
    const origin = host.url;
    vi.stubGlobal(
      'WebSocket',
      class PageSocket extends NodeWebSocket {
        constructor(url: string) {
          super(url, { origin });
        }
      },
    );
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await host.stop();
  });

  const rpcUrl = (token: string): string => `${host.url.replace('http', 'ws')}/rpc?token=${token}`;
  const token = (): string => new URL(host.openUrl.replace('#', '?')).searchParams.get('token') ?? '';

  it('serves a page holding the token', async () => {
    const session = createRpcClient(browserWsPort(rpcUrl(token())), { timeoutMs: 10_000 }).proxy(sessionContract);
    expect(await session.status({})).toMatchObject({ ok: true, value: { connection: { status: 'signed_out' } } });
  });

  it('tells a page with a wrong token why, at once and for every later call', async () => {
    const session = createRpcClient(browserWsPort(rpcUrl('not-the-token')), { timeoutMs: 10_000 }).proxy(sessionContract);
    expect(await session.status({})).toMatchObject({ ok: false, error: { code: 'transport_unauthorized' } });
    // An answer, not a timeout (which would say `timeout`).
    expect(await session.status({})).toMatchObject({ ok: false, error: { code: 'transport_unauthorized' } });
  });
});
