import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryLogger } from '../log';
import { defineContract } from './contract';
import { createPortPair, type RpcPort } from './port';
import { createRpcClient } from './rpc-client';
import { createRpcServer } from './rpc-server';
import { describeRpcConformance } from '../../../tests/harness/shared/rpc-conformance';

describeRpcConformance('an in-memory port pair', async () => {
  const [server, client] = createPortPair();
  return { server, client, sendRaw: (f) => client.send(f), close: async () => {} };
});

const windowsContract = defineContract({
  name: 'windows',
  methods: {},
  events: { message: z.object({ text: z.string() }), supervision: z.object({ mode: z.string() }) },
});

describe('event subscriptions per connection', () => {
  it('gives each connection (window) only the events it listens to, and listens again after a reconnect', async () => {
    const server = createRpcServer(createMemoryLogger());
    const emit = server.register(windowsContract, {});
    const connect = () => {
      const [serverEnd, clientEnd] = createPortPair();
      const status = new Set<(open: boolean) => void>();
      const frames: string[] = [];
      clientEnd.onMessage((f) => frames.push(f));
      const port: RpcPort = { ...clientEnd, onStatus: (l) => (status.add(l), () => status.delete(l)) };
      const detach = server.attach(serverEnd);
      return { port, frames, detach, serverEnd, reopen: () => status.forEach((l) => l(true)) };
    };
    const inbox = connect();
    const phone = connect();
    createRpcClient(inbox.port).proxy(windowsContract).on('message', () => {});
    createRpcClient(phone.port).proxy(windowsContract).on('supervision', () => {});
    await new Promise((r) => setTimeout(r, 0));

    emit('message', { text: 'hello' });
    emit('supervision', { mode: 'monitor' });
    await new Promise((r) => setTimeout(r, 0));
    expect(inbox.frames).toEqual([expect.stringContaining('"e":"message"')]);
    expect(phone.frames).toEqual([expect.stringContaining('"e":"supervision"')]);

    // The phone's transport reconnects: a new connection on the server, which hears its listens again.
    phone.detach();
    server.attach(phone.serverEnd);
    phone.reopen();
    await new Promise((r) => setTimeout(r, 0));
    emit('supervision', { mode: 'whisper' });
    emit('message', { text: 'again' });
    await new Promise((r) => setTimeout(r, 0));
    expect(phone.frames.filter((f) => f.includes('"e":"message"'))).toEqual([]);
    expect(phone.frames.at(-1)).toContain('whisper');
  });
});

