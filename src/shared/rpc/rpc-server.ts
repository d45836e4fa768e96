import { describeZodError, err, type Result } from '../result';
import type { Logger } from '../log';
import type { Contract, ContractEmitter, ContractImpl } from './contract';
import { clientFrameSchema, MAX_FRAME_BYTES, type ServerFrame } from './frames';
import { readFrame } from './frame-guard';
import type { RpcPort } from './port';

interface Registered {
  contract: Contract;
  impl: Record<string, (input: unknown) => Promise<Result<unknown>>>;
}

export interface RpcServer {
  register<C extends Contract>(contract: C, impl: ContractImpl<C>): ContractEmitter<C>;
  /** Connects one client port; returns a function that detaches it. */
  attach(port: RpcPort): () => void;
}

/**
 * Serves contracts over any number of ports. Every argument is checked against its schema
 * here, on the receiving side; failures come back as error values, never as exceptions.
 * Events go only to the ports that listen to them (`sub` frames, per contract and event).
 */
export function createRpcServer(log: Logger): RpcServer {
  const contracts = new Map<string, Registered>();
  /** Each attached port and the events (`contract.event`) it listens to. */
  const ports = new Map<RpcPort, Set<string>>();

  const sendTo = (port: RpcPort, frame: ServerFrame): void => port.send(JSON.stringify(frame));

  async function handle(port: RpcPort, raw: string): Promise<void> {
    const parsed = readFrame(raw, clientFrameSchema, MAX_FRAME_BYTES);
    if (!parsed.ok) {
      const { json, error } = parsed;
      const id = typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'number' ? json.id : null;
      log.log('warn', 'rpc frame refused', { code: error.code, detail: error.message });
      sendTo(port, { t: 'res', id, r: { ok: false, error } });
      return;
    }
    const frame = parsed.frame;
    if (frame.t !== 'req') {
      const { t, c, e } = frame;
      // Unknown names are ignored: listening to nothing costs nothing and reveals nothing.
      if (!contracts.get(c)?.contract.events[e]) return;
      const listening = ports.get(port);
      if (t === 'sub') listening?.add(`${c}.${e}`);
      else listening?.delete(`${c}.${e}`);
      return;
    }
    const { id, c, m, a } = frame;
    const entry = contracts.get(c);
    const spec = entry?.contract.methods[m];
    const fn = entry?.impl[m];
    if (!entry || !spec || !fn) {
      log.log('warn', 'rpc call refused: unknown method', { method: `${c}.${m}` });
      sendTo(port, { t: 'res', id, r: err('unknown_method', `unknown method ${c}.${m}`) });
      return;
    }
    const input = spec.input.safeParse(a);
    if (!input.success) {
      log.log('warn', 'rpc call refused: invalid argument', { method: `${c}.${m}`, detail: describeZodError(input.error) });
      sendTo(port, { t: 'res', id, r: err('invalid_argument', describeZodError(input.error)) });
      return;
    }
    let result: Result<unknown>;
    try {
      result = await fn(input.data);
    } catch (cause) {
      log.log('error', 'rpc method threw', { method: `${c}.${m}`, detail: cause instanceof Error ? cause.message : String(cause) });
      result = err('internal', 'the service failed; see the host log');
    }
    sendTo(port, { t: 'res', id, r: result });
  }

  return {
    register(contract, impl) {
      contracts.set(contract.name, {
        contract,
        impl: impl as unknown as Registered['impl'],
      });
      return (event, payload) => {
        const schema = contract.events[event];
        if (!schema) throw new Error(`unknown event ${contract.name}.${event}`);
        const key = `${contract.name}.${event}`;
        const checked: unknown = schema.parse(payload);
        let frame: string | null = null;
        for (const [port, listening] of ports) {
          if (!listening.has(key)) continue;
          // Serialised once, and only when someone listens.
          frame ??= JSON.stringify({ t: 'evt', c: contract.name, e: event, p: checked } satisfies ServerFrame);
          port.send(frame);
        }
      };
    },
    attach(port) {
      ports.set(port, new Set());
      const off = port.onMessage((raw) => {
        void handle(port, raw);
      });
      return () => {
        off();
        ports.delete(port);
      };
    },
  };
}
