import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AgentProfile } from '../../../src/shared/domain/agent';
import { HUB_PROTOCOL_VERSION } from '../../../src/shared/protocol/hub-protocol';

/** A scripted stand-in for the hub, for tests that need to send what a real hub never would. */
export interface FakeHub {
  url: string;
  port: number;
  sockets: Set<WebSocket>;
  /** Every parsed frame a desktop sent, in order. */
  received: Array<Record<string, unknown>>;
  logins: number;
  refreshes: number;
  /** Replace to script answers; the default answers hello with welcome, sync with an empty page, ping with pong. */
  onFrame: (frame: Record<string, unknown>, socket: WebSocket) => void;
  send(socket: WebSocket, frame: Record<string, unknown>): void;
  broadcast(frame: Record<string, unknown>): void;
  close(): Promise<void>;
}

export const fakeAgent: AgentProfile = {
  id: 'agt_test',
  username: 'tester',
  displayName: 'Test Agent',
  role: 'supervisor',
  skills: ['chat'],
  queues: ['chat'],
  capacity: 3,
  state: 'available',
  stateReason: null,
};

export interface FakeHubOptions {
  port?: number;
  tokenTtlMs?: number;
  headSeq?: () => number;
  /** SIP credentials to hand out with each login and refresh, as a hub with telephony does; `n` counts the issues. */
  sip?: (n: number) => { authorizationUsername: string; password: string; uri: string; wsUrl: string; expiresAt: number };
}

export async function startFakeHub(options: FakeHubOptions = {}): Promise<FakeHub> {
  const sockets = new Set<WebSocket>();
  const ttl = options.tokenTtlMs ?? 15 * 60_000;
  let tokenCounter = 0;
  const issue = (): Record<string, unknown> => {
    tokenCounter++;
    const sip = options.sip?.(tokenCounter);
    return { token: `token-${tokenCounter}`, expiresAt: Date.now() + ttl, agent: fakeAgent, ...(sip ? { sip } : {}) };
  };
  const hub: FakeHub = {
    url: '',
    port: 0,
    sockets,
    received: [],
    logins: 0,
    refreshes: 0,
    onFrame: (frame, socket) => defaultAnswer(hub, frame, socket, options.headSeq?.() ?? 0),
    send: (socket, frame) => socket.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, ...frame })),
    broadcast: (frame) => sockets.forEach((s) => hub.send(s, frame)),
    close: async () => {
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/healthz') return json(res, 200, { ok: true });
    if (req.url === '/api/login') {
      hub.logins++;
      return json(res, 200, issue());
    }
    if (req.url === '/api/refresh') {
      hub.refreshes++;
      return json(res, 200, issue());
    }
    json(res, 404, { error: { code: 'not_found', message: 'no' } });
  });
  const wss = new WebSocketServer({ server, path: '/agent/ws' });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      hub.received.push(frame);
      hub.onFrame(frame, socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  hub.port = typeof address === 'object' && address ? address.port : 0;
  hub.url = `http://127.0.0.1:${hub.port}`;
  return hub;
}

export function defaultAnswer(hub: FakeHub, frame: Record<string, unknown>, socket: WebSocket, headSeq: number): void {
  if (frame.type === 'hello') hub.send(socket, { type: 'welcome', agent: fakeAgent, headSeq });
  else if (frame.type === 'sync') hub.send(socket, { type: 'events', events: [], through: headSeq, headSeq, more: false });
  else if (frame.type === 'ping') hub.send(socket, { type: 'pong', nonce: frame.nonce });
  else if (frame.type === 'command') hub.send(socket, { type: 'ack', key: frame.key, result: { ok: true, value: {} } });
}

/** Recent enough that cache retention keeps them. */
const BASE = Date.now();

/** Events as the hub stores them, for scripting pages. */
export const sampleEvents = {
  customer: (seq: number, id = 'cus_1', name = '张伟') => ({
    seq,
    at: BASE + seq,
    kind: 'customer.upserted',
    customer: { id, name, tags: [], identities: [], createdAt: 1 },
  }),
  conversation: (seq: number, id = 'conv_1', customerId = 'cus_1') => ({
    seq,
    at: BASE + seq,
    kind: 'conversation.upserted',
    conversation: {
      id,
      customerId,
      channel: 'widget',
      status: 'active',
      queue: 'chat',
      assigneeId: fakeAgent.id,
      priority: 0,
      tags: [],
      createdAt: 1,
      updatedAt: BASE + seq,
      lastMessageAt: BASE + seq,
      preview: '',
    },
  }),
  message: (seq: number, text: string, conversationId = 'conv_1', extra: Record<string, unknown> = {}) => ({
    seq,
    at: BASE + seq,
    kind: 'message.created',
    message: {
      id: `msg_${seq}`,
      conversationId,
      channel: 'widget',
      direction: 'in',
      authorKind: 'customer',
      authorId: 'cus_1',
      text,
      attachments: [],
      internal: false,
      key: null,
      createdAt: BASE + seq,
      ...extra,
    },
  }),
};
