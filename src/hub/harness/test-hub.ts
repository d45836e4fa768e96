import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createMemoryLogger } from '../../shared/log';
import {
  HUB_PROTOCOL_VERSION,
  loginResponseSchema,
  serverFrameSchema,
  type HubCommandInput,
  type HubServerFrame,
  type LoginResponse,
} from '../../shared/protocol/hub-protocol';
import type { Result } from '../../shared/result';
import type { HubConfigInput } from '../config';
import { startHub, type Hub } from '../server';

/** Waits for a condition that another process or socket makes true; fails with what it was waiting for. */
export async function eventually<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Says a widget hello the hub should refuse: resolves with the close code once the hub has closed the socket. */
export async function refusedHello(hubUrl: string, hello: Record<string, unknown>): Promise<number> {
  const raw = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/widget/ws`);
  const frames: Array<Record<string, unknown>> = [];
  raw.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
  raw.send(JSON.stringify({ type: 'hello', ...hello }));
  const code = await new Promise<number>((resolve) => raw.once('close', (closeCode) => resolve(closeCode)));
  if (frames.some((f) => f.type === 'history')) throw new Error('the hub answered the hello with history');
  return code;
}

export interface AgentClient {
  frames: HubServerFrame[];
  raw: WebSocket;
  welcome: Extract<HubServerFrame, { type: 'welcome' }>;
  waitFor<K extends HubServerFrame['type']>(type: K, match?: (f: Extract<HubServerFrame, { type: K }>) => boolean): Promise<Extract<HubServerFrame, { type: K }>>;
  command(command: HubCommandInput, key?: string): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export interface TestHub {
  hub: Hub;
  url: string;
  dataDir: string;
  log: ReturnType<typeof createMemoryLogger>;
  login(username: string): Promise<LoginResponse>;
  agent(username: string): Promise<AgentClient>;
  /** Opens a widget visitor socket and says hello. */
  visitor(visitorId: string, hello?: Record<string, unknown>): Promise<VisitorClient>;
  close(): Promise<void>;
}

export interface VisitorClient {
  frames: Array<Record<string, unknown>>;
  /** Uploads a file as this visitor, with the token the hello gave. */
  upload(name: string, contentType: string, body: BodyInit): Promise<Response>;
  send(frame: Record<string, unknown>): void;
  say(text: string, extra?: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): void;
}

export async function startTestHub(overrides: Partial<HubConfigInput> = {}): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  const log = createMemoryLogger();
  const hub = await startHub({ port: 0, dataDir, demo: true, ...overrides }, log);
  const sockets: WebSocket[] = [];
  const wsUrl = hub.url.replace(/^http/, 'ws');

  async function login(username: string): Promise<LoginResponse> {
    const response = await fetch(`${hub.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'switchboard' }),
    });
    return loginResponseSchema.parse(await response.json());
  }

  async function agent(username: string): Promise<AgentClient> {
    const { token } = await login(username);
    const raw = new WebSocket(`${wsUrl}/agent/ws`);
    sockets.push(raw);
    const frames: HubServerFrame[] = [];
    const acks = new Map<string, (r: Result<unknown>) => void>();
    raw.on('message', (data) => {
      const frame = serverFrameSchema.parse(JSON.parse(String(data)));
      frames.push(frame);
      if (frame.type === 'ack') acks.get(frame.key)?.(frame.result as Result<unknown>);
    });
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'hello', token, cursor: 0 }));
    const client: AgentClient = {
      frames,
      raw,
      welcome: undefined as never,
      waitFor: (type, match) =>
        eventually(
          () => frames.find((f): f is Extract<HubServerFrame, { type: typeof type }> => f.type === type && (!match || match(f as never))),
          `${username} to receive ${type}`,
        ),
      command(command, key = `k-${randomUUID()}`) {
        return new Promise((resolve) => {
          acks.set(key, resolve);
          raw.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'command', key, command }));
        });
      },
      close: () =>
        new Promise((resolve) => {
          if (raw.readyState === WebSocket.CLOSED) return resolve();
          raw.once('close', () => resolve());
          raw.close();
        }),
    };
    client.welcome = await client.waitFor('welcome');
    return client;
  }

  async function visitor(visitorId: string, hello: Record<string, unknown> = {}): Promise<VisitorClient> {
    const raw = new WebSocket(`${wsUrl}/widget/ws`);
    sockets.push(raw);
    const frames: Array<Record<string, unknown>> = [];
    raw.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    raw.send(JSON.stringify({ type: 'hello', visitorId, ...hello }));
    const history = await eventually(() => frames.find((f) => f.type === 'history'), 'widget history');
    return {
      frames,
      upload: (name, contentType, body) =>
        fetch(`${hub.url}/widget/attachments?visitor=${encodeURIComponent(visitorId)}&name=${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': contentType, 'x-switchboard-visitor-token': String(history.uploadToken) },
          body,
        }),
      send: (frame) => raw.send(JSON.stringify(frame)),
      async say(text, extra = {}) {
        const before = frames.length;
        raw.send(JSON.stringify({ type: 'message', text, key: `m${randomUUID().replace(/-/g, '')}`, ...extra }));
        return eventually(() => frames.slice(before).find((f) => f.type === 'message' || f.type === 'error'), 'widget echo');
      },
      close: () => raw.close(),
    };
  }

  return {
    hub,
    url: hub.url,
    dataDir,
    log,
    login,
    agent,
    visitor,
    async close() {
      for (const s of sockets) s.terminate();
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
