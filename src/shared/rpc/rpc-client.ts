import { describeZodError, err, type AppError, type Result } from '../result';
import type { Contract, ContractClient } from './contract';
import { MAX_FRAME_BYTES, serverFrameSchema, utf8Length, type RequestFrame, type SubscriptionFrame } from './frames';
import { readFrame } from './frame-guard';
import type { RpcPort } from './port';

export interface RpcClient {
  proxy<C extends Contract>(contract: C): ContractClient<C>;
  /** Fails every call still waiting, e.g. when the transport closed. */
  failPending(message: string): void;
}

type Listener = (payload: unknown) => void;

export function createRpcClient(port: RpcPort, options: { timeoutMs?: number } = {}): RpcClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> }>();
  const listeners = new Map<string, Set<Listener>>();
  const eventSchemas = new Map<string, Contract['events'][string]>();

  // The server sends a connection only the events it listens to: the first listener of an event
  // says so, the last one to go says so too, and a reconnected transport hears them all again.
  const subscription = (t: SubscriptionFrame['t'], key: string): void => {
    const dot = key.indexOf('.');
    const frame: SubscriptionFrame = { t, c: key.slice(0, dot), e: key.slice(dot + 1) };
    try {
      port.send(JSON.stringify(frame));
    } catch {
      // The transport is closed; a reconnect listens again.
    }
  };
  /** The transport refused this client (a wrong token): later calls get that answer at once, until it opens again. */
  let refusal: AppError | null = null;
  port.onStatus?.((open) => {
    if (open) refusal = null;
    if (open) for (const [key, set] of listeners) if (set.size > 0) subscription('sub', key);
  });

  port.onMessage((raw) => {
    const read = readFrame(raw, serverFrameSchema, MAX_FRAME_BYTES);
    if (!read.ok) return;
    const frame = read.frame;
    if (frame.t === 'res') {
      const id = frame.id;
      if (id === null) {
        // The other side could not tell which call this answers (the transport refused us, or a
        // frame was unreadable): every waiting call learns why instead of timing out.
        const failure = frame.r;
        if (!failure.ok && failure.error.code === 'transport_unauthorized') refusal = failure.error;
        if (!failure.ok) for (const [pid, waiter] of pending) {
          pending.delete(pid);
          clearTimeout(waiter.timer);
          waiter.resolve(failure);
        }
        return;
      }
      const waiter = pending.get(id);
      if (!waiter) return;
      pending.delete(id);
      clearTimeout(waiter.timer);
      waiter.resolve(frame.r);
      return;
    }
    const key = `${frame.c}.${frame.e}`;
    const schema = eventSchemas.get(key);
    const payload = schema?.safeParse(frame.p);
    if (!payload?.success) return;
    listeners.get(key)?.forEach((l) => l(payload.data));
  });

  function call(contract: Contract, method: string, args: unknown): Promise<Result<unknown>> {
    const spec = contract.methods[method];
    if (!spec) return Promise.resolve(err('unknown_method', `unknown method ${contract.name}.${method}`));
    if (refusal) return Promise.resolve({ ok: false as const, error: refusal });
    const id = nextId++;
    const frame: RequestFrame = { t: 'req', id, c: contract.name, m: method, a: args };
    const text = JSON.stringify(frame);
    if (utf8Length(text) > MAX_FRAME_BYTES) return Promise.resolve(err('frame_too_large', `frames are limited to ${MAX_FRAME_BYTES} bytes`));
    return new Promise<Result<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(err('timeout', `${contract.name}.${method} did not answer in ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve, timer });
      try {
        port.send(text);
      } catch (cause) {
        pending.delete(id);
        clearTimeout(timer);
        resolve(err('unavailable', cause instanceof Error ? cause.message : 'transport closed'));
      }
    }).then((result) => {
      if (!result.ok) return result;
      const output = spec.output.safeParse(result.value);
      return output.success
        ? { ok: true as const, value: output.data }
        : err('internal', `${contract.name}.${method} answered out of contract: ${describeZodError(output.error)}`);
    });
  }

  return {
    proxy<C extends Contract>(contract: C): ContractClient<C> {
      for (const [event, schema] of Object.entries(contract.events)) eventSchemas.set(`${contract.name}.${event}`, schema);
      const on = (event: string, listener: (payload: never) => void): (() => void) => {
        const key = `${contract.name}.${event}`;
        let set = listeners.get(key);
        if (!set) listeners.set(key, (set = new Set()));
        const l = listener as Listener;
        if (set.size === 0) subscription('sub', key);
        set.add(l);
        return () => {
          if (set.delete(l) && set.size === 0) subscription('unsub', key);
        };
      };
      const methods = Object.fromEntries(Object.keys(contract.methods).map((m) => [m, (args: unknown) => call(contract, m, args)]));
      return { ...methods, on } as unknown as ContractClient<C>;
    },
    failPending(message) {
      for (const [id, waiter] of pending) {
        clearTimeout(waiter.timer);
        waiter.resolve(err('unavailable', message));
        pending.delete(id);
      }
    },
  };
}
