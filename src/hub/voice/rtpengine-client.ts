/**
 * A client of rtpengine's ng control protocol (bencoded dictionaries over UDP, each prefixed by a
 * cookie that the answer repeats). Kamailio drives offers and answers itself; the hub uses this
 * for what only it decides: playing prompts to a waiting caller, blocking their media meanwhile,
 * and recording.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import bencode from 'bencode';
import { z } from 'zod';

type NgValue = string | number | NgValue[] | { [key: string]: NgValue | undefined };
export type NgParams = Record<string, NgValue | undefined>;

const answerSchema = z.looseObject({ result: z.string(), 'error-reason': z.string().optional(), warning: z.string().optional() });
export type NgAnswer = z.infer<typeof answerSchema>;

export class RtpengineError extends Error {
  constructor(
    readonly command: string,
    readonly reason: string,
  ) {
    super(`rtpengine ${command}: ${reason}`);
    this.name = 'RtpengineError';
  }
}

export interface RtpengineClient {
  /** Sends one command; resolves with the answer when rtpengine says ok (or pong), rejects otherwise. */
  request(command: string, params?: NgParams): Promise<NgAnswer>;
  ping(): Promise<boolean>;
  close(): void;
}

/** Byte strings as UTF-8 text, all the way down (rtpengine's answers hold no binary values). */
function asText(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(asText);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
  return value;
}

/** `address` is "host:port" of rtpengine's --listen-ng socket. */
export function createRtpengineClient(address: string, timeoutMs = 2000): RtpengineClient {
  const match = /^(.+):(\d+)$/.exec(address);
  if (!match) throw new Error(`rtpengine ng address must be host:port, got ${address}`);
  const host = match[1]!.replace(/^\[|\]$/g, '');
  const port = Number(match[2]);
  let socket: Socket | undefined;
  const pending = new Map<string, { resolve(answer: NgAnswer): void; reject(error: Error): void; timer: NodeJS.Timeout }>();

  const open = (): Socket => {
    if (socket) return socket;
    const s = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    s.on('message', (message) => {
      const space = message.indexOf(0x20);
      if (space <= 0) return;
      const cookie = message.subarray(0, space).toString('latin1');
      const waiter = pending.get(cookie);
      if (!waiter) return;
      pending.delete(cookie);
      clearTimeout(waiter.timer);
      const parsed = answerSchema.safeParse(asText(bencode.decode(new Uint8Array(message.subarray(space + 1)))));
      if (parsed.success) waiter.resolve(parsed.data);
      else waiter.reject(new Error(`rtpengine sent an answer that is not a dictionary with a result`));
    });
    s.on('error', (error) => {
      for (const [cookie, waiter] of pending) {
        clearTimeout(waiter.timer);
        waiter.reject(error);
        pending.delete(cookie);
      }
    });
    s.unref();
    socket = s;
    return s;
  };

  const send = (command: string, params: NgParams): Promise<NgAnswer> =>
    new Promise((resolve, reject) => {
      const cookie = randomBytes(8).toString('hex');
      const body: NgParams = { ...params, command };
      const payload = Buffer.concat([Buffer.from(`${cookie} `, 'latin1'), Buffer.from(bencode.encode(body as Parameters<typeof bencode.encode>[0]))]);
      const timer = setTimeout(() => {
        pending.delete(cookie);
        reject(new RtpengineError(command, `no answer from ${address} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(cookie, { resolve, reject, timer });
      open().send(payload, port, host, (error) => {
        if (!error) return;
        clearTimeout(timer);
        pending.delete(cookie);
        reject(error);
      });
    });

  return {
    async request(command, params = {}) {
      const answer = await send(command, params);
      if (answer.result !== 'ok' && answer.result !== 'pong') throw new RtpengineError(command, answer['error-reason'] ?? answer.result);
      return answer;
    },
    async ping() {
      try {
        return (await send('ping', {})).result === 'pong';
      } catch {
        return false;
      }
    },
    close() {
      for (const waiter of pending.values()) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('rtpengine client closed'));
      }
      pending.clear();
      socket?.close();
      socket = undefined;
    },
  };
}
