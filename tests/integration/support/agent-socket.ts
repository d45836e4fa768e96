import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { HUB_PROTOCOL_VERSION, loginResponseSchema, serverFrameSchema, type HubCommandInput, type HubServerFrame } from '../../../src/shared/protocol/hub-protocol';
import type { Result } from '../../../src/shared/result';

/** An agent's socket to a hub in another process: signs in, keeps every frame, sends commands and waits for their answers. */
export interface AgentSocket {
  frames: HubServerFrame[];
  waitFor<K extends HubServerFrame['type']>(type: K, match?: (f: Extract<HubServerFrame, { type: K }>) => boolean, timeoutMs?: number): Promise<Extract<HubServerFrame, { type: K }>>;
  command(command: HubCommandInput): Promise<Result<unknown>>;
  /** A raw client frame (typing, sync), stamped with the protocol version. */
  send(frame: Record<string, unknown>): void;
  close(): void;
}

export async function connectAgent(hubUrl: string, username: string, password = 'switchboard'): Promise<AgentSocket> {
  const response = await fetch(`${hubUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const { token } = loginResponseSchema.parse(await response.json());
  const ws = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/agent/ws`);
  const frames: HubServerFrame[] = [];
  const acks = new Map<string, (r: Result<unknown>) => void>();
  ws.on('message', (data) => {
    const frame = serverFrameSchema.parse(JSON.parse(String(data)));
    frames.push(frame);
    if (frame.type === 'ack') acks.get(frame.key)?.(frame.result as Result<unknown>);
  });
  ws.on('error', () => undefined);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'hello', token, cursor: 0 }));
  const socket: AgentSocket = {
    frames,
    async waitFor(type, match, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = frames.find((f): f is Extract<HubServerFrame, { type: typeof type }> => f.type === type && (!match || match(f as never)));
        if (found) return found;
        if (Date.now() > until) throw new Error(`timed out waiting for ${username} to receive ${type}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    command: (command) =>
      new Promise((resolve) => {
        const key = `k-${randomUUID()}`;
        acks.set(key, resolve);
        ws.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, type: 'command', key, command }));
      }),
    send: (frame) => ws.send(JSON.stringify({ v: HUB_PROTOCOL_VERSION, ...frame })),
    close: () => ws.terminate(),
  };
  await socket.waitFor('welcome');
  return socket;
}
