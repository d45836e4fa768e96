/**
 * The keys a caller presses, as rtpengine reports them: with --dtmf-log-dest it sends one JSON
 * datagram per RFC 4733 event it forwards. A browser cannot observe received RFC 4733 events, so
 * this is how the hub learns what a caller on the trunk pressed (e.g. "1" for a callback).
 */
import { createSocket, type Socket } from 'node:dgram';
import { z } from 'zod';
import type { Logger } from '../../shared/log';

const eventSchema = z.object({
  callid: z.string().min(1).max(256),
  source_tag: z.string().max(256).default(''),
  event: z.number().int().min(0).max(15),
  type: z.string().optional(),
});

export interface DtmfEvent {
  callId: string;
  /** The SIP tag (From or To) of the party whose stream carried the key. */
  sourceTag: string;
  digit: string;
}

const DIGITS = '0123456789*#ABCD';

export function digitOf(event: number): string {
  return DIGITS[event] ?? '?';
}

export interface DtmfListener {
  /** host:port it listens on. */
  address: string;
  close(): Promise<void>;
}

/** Listens on `listen` ("host:port") and hands each key to `onDigit`; bad datagrams are dropped with a log line. */
export async function startDtmfListener(listen: string, onDigit: (event: DtmfEvent) => void, log: Logger): Promise<DtmfListener> {
  const match = /^(.+):(\d{1,5})$/.exec(listen);
  if (!match) throw new Error(`SIP_DTMF_LISTEN must be host:port, got ${listen}`);
  const host = match[1]!;
  const socket: Socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (data) => {
    let parsed: z.infer<typeof eventSchema> | null = null;
    try {
      const result = eventSchema.safeParse(JSON.parse(data.toString('utf8')));
      parsed = result.success ? result.data : null;
    } catch {
      parsed = null;
    }
    if (!parsed || (parsed.type !== undefined && parsed.type !== 'DTMF')) {
      log.log('warn', 'dropped a DTMF report that is not rtpengine JSON', { bytes: data.length });
      return;
    }
    onDigit({ callId: parsed.callid, sourceTag: parsed.source_tag, digit: digitOf(parsed.event) });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(Number(match[2]), host, () => resolve());
  });
  const bound = socket.address();
  return {
    address: `${bound.address}:${bound.port}`,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
