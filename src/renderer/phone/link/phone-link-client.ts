import type { RpcPort } from '../../../shared/rpc/port';
import { onLinkMessage, PHONE_ADDRESS, post, type LinkChannel } from './link-messages';

export interface PhoneLinkClient {
  readonly address: string;
  /** The RPC port to the phone page; frames for other UI pages never reach it. */
  readonly port: RpcPort;
  /** Whether a phone page answered the latest heartbeats. */
  alive(): boolean;
  /** Told on every change of `alive`; a reconnect is the moment to fetch the phone's state again. */
  onPresence(listener: (alive: boolean) => void): () => void;
  /** Says bye, so the phone page stops serving this page. */
  close(): void;
}

function randomAddress(): string {
  return `ui-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}`;
}

/**
 * A UI page's side of the link. It says hello on start and every `heartbeatMs`; the phone page
 * counts as gone when `missedBeats` heartbeats go unanswered or it says it is going away.
 */
export function connectPhoneLink(
  channel: LinkChannel,
  options: { address?: string; heartbeatMs?: number; missedBeats?: number } = {},
): PhoneLinkClient {
  const address = options.address ?? randomAddress();
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const missedBeats = options.missedBeats ?? 2;
  const frameListeners = new Set<(frame: string) => void>();
  const presenceListeners = new Set<(alive: boolean) => void>();
  const statusListeners = new Set<(open: boolean) => void>();
  let isAlive = false;
  let unanswered = 0;

  const setAlive = (next: boolean): void => {
    if (next === isAlive) return;
    isAlive = next;
    presenceListeners.forEach((l) => l(next));
  };
  const hello = (): void => post(channel, { k: 'hello', from: address });

  const off = onLinkMessage(channel, (message) => {
    switch (message.k) {
      case 'welcome':
        if (message.to !== address) return;
        unanswered = 0;
        setAlive(true);
        // A phone page that just started serving this page knows none of its listens yet.
        if (message.fresh) statusListeners.forEach((l) => l(true));
        return;
      case 'frame':
        if (message.to !== address || message.from !== PHONE_ADDRESS) return;
        frameListeners.forEach((l) => l(message.f));
        return;
      case 'phone-up':
        hello();
        return;
      case 'phone-down':
        setAlive(false);
        return;
      case 'hello':
      case 'bye':
        return;
    }
  });

  const beat = setInterval(() => {
    unanswered += 1;
    if (unanswered > missedBeats) setAlive(false);
    hello();
  }, heartbeatMs);
  hello();

  return {
    address,
    port: {
      send: (frame) => post(channel, { k: 'frame', from: address, to: PHONE_ADDRESS, f: frame }),
      onMessage(listener) {
        frameListeners.add(listener);
        return () => frameListeners.delete(listener);
      },
      onStatus(listener) {
        statusListeners.add(listener);
        return () => statusListeners.delete(listener);
      },
    },
    alive: () => isAlive,
    onPresence(listener) {
      presenceListeners.add(listener);
      return () => presenceListeners.delete(listener);
    },
    close() {
      clearInterval(beat);
      off();
      post(channel, { k: 'bye', from: address });
    },
  };
}
