/**
 * A JsSIP socket that wraps the real WebSocketInterface and runs every
 * incoming message through the guard before JsSIP parses it.
 */
import type { WebSocketInterface } from 'jssip';
import type { Socket } from 'jssip/lib/Socket.js';
import { inspectSipMessage, type GuardVerdict } from './sip-message-guard.js';

/** JsSIP hands binary frames to its parser as one char per byte; do the same. */
function asText(data: unknown): string | null {
  if (typeof data === 'string') return data;
  if (!(data instanceof ArrayBuffer)) return null;
  let text = '';
  for (const byte of new Uint8Array(data)) text += String.fromCharCode(byte);
  return text;
}

export class GuardedJsSipSocket implements Socket {
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: <T>(data: T) => void = () => undefined;

  constructor(
    private readonly inner: WebSocketInterface,
    private readonly onVerdict?: (verdict: GuardVerdict) => void,
  ) {
    inner.onconnect = () => this.onconnect();
    inner.ondisconnect = (error: boolean, code?: number, reason?: string) => this.ondisconnect(error, code, reason);
    inner.ondata = <T>(data: T) => {
      const text = asText(data);
      if (text === null) return;
      const verdict = inspectSipMessage(text);
      this.onVerdict?.(verdict);
      if (verdict.action === 'pass') this.ondata(data);
      else if (verdict.action === 'reply') this.inner.send(verdict.reply);
    };
  }

  get via_transport(): string {
    return this.inner.via_transport;
  }
  set via_transport(value: string) {
    this.inner.via_transport = value;
  }
  get url(): string {
    return this.inner.url;
  }
  get sip_uri(): string {
    return this.inner.sip_uri;
  }
  connect(): void {
    this.inner.connect();
  }
  disconnect(): void {
    this.inner.disconnect();
  }
  send(message: string | ArrayBufferLike | Blob | ArrayBufferView): boolean {
    return this.inner.send(message);
  }
  isConnected(): boolean {
    return this.inner.isConnected();
  }
  isConnecting(): boolean {
    return this.inner.isConnecting();
  }
}
