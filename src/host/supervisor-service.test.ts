import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { supervisorContract } from '../shared/contracts/supervisor-contract';
import { createMemoryLogger } from '../shared/log';
import { SUPERVISOR_PROTOCOL_VERSION, type SupervisorServerFrameInput, type Wallboard } from '../shared/protocol/supervisor-protocol';
import { createRpcClient } from '../shared/rpc/rpc-client';
import { createRpcServer } from '../shared/rpc/rpc-server';
import { createPortPair } from '../shared/rpc/port';
import { registerSupervisorService } from './supervisor-service';

const v = SUPERVISOR_PROTOCOL_VERSION;
const board: Wallboard = { at: 1, queues: [], agents: [], contacts: [] };
const sam = { id: 'agt_sam', username: 'sam', displayName: 'Sam Chen', role: 'supervisor' as const, skills: [], queues: [], capacity: 3, state: 'available' as const, stateReason: null };
const session = {
  id: 'sup_1', kind: 'call' as const, supervisorId: 'agt_sam', supervisorName: 'Sam Chen', agentId: 'agt_alice', conversationId: 'conv_1',
  mode: 'monitor' as const, modes: ['monitor' as const], startedAt: 1, endedAt: null,
};

/** A stand-in for the hub's /supervisor/ws that answers as the test tells it to. */
function fakeHub(onHello: (token: string, socket: WebSocket) => void, onRequest: (request: { kind: string }, rid: string, socket: WebSocket) => void = () => undefined) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/supervisor/ws' });
  const hellos: string[] = [];
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; token?: string; rid?: string; request?: { kind: string } };
      if (frame.type === 'hello') {
        hellos.push(frame.token ?? '');
        onHello(frame.token ?? '', socket);
      } else if (frame.type === 'request') onRequest(frame.request!, frame.rid!, socket);
    });
  });
  const port = (): number => {
    const a = wss.address();
    return typeof a === 'object' && a ? a.port : 0;
  };
  const listening = new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  return { wss, hellos, listening, url: () => `http://127.0.0.1:${port()}` };
}
const push = (socket: WebSocket, frame: SupervisorServerFrameInput): void => socket.send(JSON.stringify(frame));

function openConsole(hubUrl: () => string, heartbeat: { heartbeatMs?: number; deadAfterMs?: number } = {}) {
  const log = createMemoryLogger();
  const server = createRpcServer(log);
  const [a, b] = createPortPair();
  server.attach(a);
  const service = registerSupervisorService(server, { auth: async () => ({ hubUrl: hubUrl(), token: 'jwt-of-the-agent' }), log, requestTimeoutMs: 2_000, ...heartbeat });
  const client = createRpcClient(b).proxy(supervisorContract);
  return { client, service, log };
}

const cleanup: Array<() => void> = [];
afterEach(() => cleanup.splice(0).forEach((c) => c()));

describe('supervisor service', () => {
  it("connects with the agent's token, serves the welcome as a snapshot, and forwards pushes and replies", async () => {
    const hub = fakeHub(
      (_token, socket) => push(socket, { v, type: 'welcome', supervisor: sam, wallboard: board, alerts: [], sessions: [] }),
      (request, rid, socket) => {
        if (request.kind === 'call.start') push(socket, { v, type: 'reply', rid, result: { ok: true, value: session } });
        else push(socket, { v, type: 'reply', rid, result: { ok: true, value: { unexpected: true } } });
      },
    );
    await hub.listening;
    const { client, service } = openConsole(hub.url);
    cleanup.push(() => service.stop(), () => hub.wss.close());

    const snapshot = await client.connect({});
    expect(snapshot).toMatchObject({ ok: true, value: { link: { status: 'online' }, supervisor: { id: 'agt_sam' } } });
    expect(hub.hellos).toEqual(['jwt-of-the-agent']);

    const seen: string[] = [];
    client.on('wallboard', (w) => seen.push(`wallboard@${w.at}`));
    const socket = [...hub.wss.clients][0]!;
    push(socket, { v, type: 'wallboard', wallboard: { ...board, at: 2 } });
    await expect.poll(() => seen).toEqual(['wallboard@2']);

    expect(await client.startMonitoring({ target: { kind: 'agent', agentId: 'agt_alice' } })).toMatchObject({ ok: true, value: { id: 'sup_1' } });
    // A reply that does not match its schema is refused, not passed on.
    expect(await client.refreshWallboard({})).toMatchObject({ ok: false, error: { code: 'malformed_frame' } });
  });

  it('reports a refusal (an agent trying to supervise) and does not retry', async () => {
    const hub = fakeHub((_token, socket) => {
      push(socket, { v, type: 'error', error: { code: 'permission_denied', message: 'only supervisors and admins may supervise' } });
      socket.close(4403, 'permission_denied');
    });
    await hub.listening;
    const { client, service } = openConsole(hub.url);
    cleanup.push(() => service.stop(), () => hub.wss.close());
    expect(await client.connect({})).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(hub.hellos).toHaveLength(1);
    expect(await client.snapshot({})).toMatchObject({ ok: true, value: { link: { status: 'refused' } } });
    expect(await client.openChat({ conversationId: 'conv_1' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('reconnects after the hub drops the link', async () => {
    const hub = fakeHub((_token, socket) => push(socket, { v, type: 'welcome', supervisor: sam, wallboard: board, alerts: [], sessions: [] }));
    await hub.listening;
    const { client, service } = openConsole(hub.url);
    cleanup.push(() => service.stop(), () => hub.wss.close());
    await client.connect({});
    [...hub.wss.clients].forEach((c) => c.terminate());
    await expect.poll(() => hub.hellos.length, { timeout: 10_000 }).toBe(2);
    await expect.poll(async () => {
      const snapshot = await client.snapshot({});
      return snapshot.ok ? snapshot.value.link.status : snapshot.error.code;
    }).toBe('online');
  });

  it('notices a hub that went silent (no answer to its pings) and connects again', async () => {
    let silent = false;
    const hub = fakeHub((_token, socket) => push(socket, { v, type: 'welcome', supervisor: sam, wallboard: board, alerts: [], sessions: [] }));
    hub.wss.on('connection', (socket) =>
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; nonce?: number };
        if (frame.type === 'ping' && !silent) push(socket, { v, type: 'pong', nonce: frame.nonce ?? 0 });
      }),
    );
    await hub.listening;
    const { client, service } = openConsole(hub.url, { heartbeatMs: 500, deadAfterMs: 3_000 });
    cleanup.push(() => service.stop(), () => hub.wss.close());
    const links: string[] = [];
    client.on('link', (link) => links.push(`${link.status}:${link.detail ?? ''}`));
    expect(await client.connect({})).toMatchObject({ ok: true });
    // Answered pings keep a quiet link open.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(hub.hellos).toHaveLength(1);
    // The hub stops answering without closing the socket (a dead peer): the link drops it and says hello again.
    silent = true;
    await expect.poll(() => links, { timeout: 10_000 }).toContain('connecting:reconnecting');
    silent = false;
    await expect.poll(() => hub.hellos.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  });
});
