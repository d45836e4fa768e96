import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { err, ok } from '../../../src/shared/result';
import { createMemoryLogger } from '../../../src/shared/log';
import { defineContract } from '../../../src/shared/rpc/contract';
import { createRpcClient } from '../../../src/shared/rpc/rpc-client';
import { createRpcServer } from '../../../src/shared/rpc/rpc-server';
import { MAX_FRAME_BYTES } from '../../../src/shared/rpc/frames';
import type { RpcPort } from '../../../src/shared/rpc/port';

export const calculatorContract = defineContract({
  name: 'calc',
  methods: {
    add: { input: z.object({ a: z.number(), b: z.number() }), output: z.object({ sum: z.number() }) },
    divide: { input: z.object({ a: z.number(), b: z.number() }), output: z.number() },
    explode: { input: z.object({}), output: z.object({}) },
    greet: { input: z.object({ name: z.string() }), output: z.string() },
  },
  events: { ticked: z.object({ n: z.number().int() }) },
});

export interface TransportUnderTest {
  /** The server's end and the client's end of one connection. */
  server: RpcPort;
  client: RpcPort;
  /** Sends raw text from the client end, bypassing the typed client. */
  sendRaw(frame: string): void;
  close(): Promise<void>;
}

/** The same behaviour is required of every transport the RPC travels over. */
export function describeRpcConformance(name: string, connect: () => Promise<TransportUnderTest>): void {
  describe(`typed RPC over ${name}`, () => {
    async function setup() {
      const log = createMemoryLogger();
      const server = createRpcServer(log);
      const emit = server.register(calculatorContract, {
        add: async ({ a, b }) => ok({ sum: a + b }),
        divide: async ({ a, b }) => (b === 0 ? err('invalid_argument', 'cannot divide by zero') : ok(a / b)),
        explode: async () => {
          throw new Error('boom with secret=hunter2');
        },
        greet: async ({ name }) => ok(`你好, ${name}`),
      });
      const transport = await connect();
      server.attach(transport.server);
      const client = createRpcClient(transport.client, { timeoutMs: 5_000 });
      const calc = client.proxy(calculatorContract);
      const raw: string[] = [];
      transport.client.onMessage((f) => raw.push(f));
      return { log, emit, transport, calc, raw };
    }

    it('returns typed values', async () => {
      const { calc, transport } = await setup();
      expect(await calc.add({ a: 2, b: 3 })).toEqual({ ok: true, value: { sum: 5 } });
      expect(await calc.greet({ name: '张伟' })).toEqual({ ok: true, value: '你好, 张伟' });
      await transport.close();
    });

    it('returns errors as values', async () => {
      const { calc, transport } = await setup();
      expect(await calc.divide({ a: 1, b: 0 })).toEqual({ ok: false, error: { code: 'invalid_argument', message: 'cannot divide by zero' } });
      await transport.close();
    });

    it('checks every argument against its schema on the receiving side', async () => {
      const { calc, transport, log } = await setup();
      // @ts-expect-error — a caller that ignores the types still gets a clear error value
      const result = await calc.add({ a: 'two', b: 3 });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_argument');
        expect(result.error.message).toContain('a');
      }
      expect(log.entries.some((e) => e.message.includes('invalid argument'))).toBe(true);
      await transport.close();
    });

    it('answers an unknown method with an error and keeps the connection', async () => {
      const { calc, transport, raw } = await setup();
      transport.sendRaw(JSON.stringify({ t: 'req', id: 999, c: 'calc', m: 'nope', a: {} }));
      await expect.poll(() => raw.find((f) => f.includes('"id":999'))).toContain('unknown_method');
      expect(await calc.add({ a: 1, b: 1 })).toEqual({ ok: true, value: { sum: 2 } });
      await transport.close();
    });

    it('survives a malformed frame and says why', async () => {
      const { calc, transport, raw, log } = await setup();
      transport.sendRaw('{not json');
      transport.sendRaw(JSON.stringify({ t: 'req', id: 'x' }));
      await expect.poll(() => raw.filter((f) => f.includes('malformed_frame')).length).toBe(2);
      expect(log.entries.filter((e) => e.level === 'warn').length).toBeGreaterThanOrEqual(2);
      expect(await calc.add({ a: 4, b: 4 })).toEqual({ ok: true, value: { sum: 8 } });
      await transport.close();
    });

    it('refuses an oversized frame without crashing', async () => {
      const { calc, transport, raw } = await setup();
      transport.sendRaw(JSON.stringify({ t: 'req', id: 7, c: 'calc', m: 'greet', a: { name: 'x'.repeat(MAX_FRAME_BYTES) } }));
      await expect.poll(() => raw.some((f) => f.includes('frame_too_large'))).toBe(true);
      expect(await calc.add({ a: 1, b: 2 })).toEqual({ ok: true, value: { sum: 3 } });
      await transport.close();
    });

    it('turns a throwing method into an internal error without leaking its message', async () => {
      const { calc, transport, log } = await setup();
      const result = await calc.explode({});
      expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'the service failed; see the host log' } });
      expect(JSON.stringify(log.entries)).not.toContain('hunter2');
      await transport.close();
    });

    it('delivers events with checked payloads', async () => {
      const { calc, emit, transport } = await setup();
      const seen: number[] = [];
      calc.on('ticked', ({ n }) => seen.push(n));
      await calc.add({ a: 0, b: 0 }); // the connection is up once a call has been answered
      emit('ticked', { n: 1 });
      emit('ticked', { n: 2 });
      await expect.poll(() => seen).toEqual([1, 2]);
      await transport.close();
    });

    it('sends a connection only the events it listens to, and stops when the last listener goes', async () => {
      const { calc, emit, transport, raw } = await setup();
      const events = () => raw.filter((f) => f.includes('"t":"evt"')).length;
      await calc.add({ a: 0, b: 0 });
      emit('ticked', { n: 1 });
      await calc.add({ a: 0, b: 0 }); // frames are ordered: anything emitted before this answer has arrived
      expect(events()).toBe(0);

      const seen: number[] = [];
      const off = calc.on('ticked', ({ n }) => seen.push(n));
      const offToo = calc.on('ticked', () => {});
      await calc.add({ a: 0, b: 0 });
      emit('ticked', { n: 2 });
      await expect.poll(() => seen).toEqual([2]);
      expect(events()).toBe(1);

      off();
      emit('ticked', { n: 3 });
      await expect.poll(() => seen).toEqual([2]);
      offToo();
      await calc.add({ a: 0, b: 0 });
      emit('ticked', { n: 4 });
      await calc.add({ a: 0, b: 0 });
      expect(events()).toBe(2);
      await transport.close();
    });
  });
}
