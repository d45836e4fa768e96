import type { RpcPort } from '../../../shared/rpc/port';
import type { RpcServer } from '../../../shared/rpc/rpc-server';
import { onLinkMessage, PHONE_ADDRESS, post, type LinkChannel } from './link-messages';

export interface PhoneLinkServer {
  /** How many UI pages are attached now. */
  clients(): number;
  /** Tells the UI pages the phone is going away and stops serving. */
  close(): void;
}

interface Client {
  detach: () => void;
  lastSeen: number;
}

/**
 * The phone page's side of the link: one RPC port per UI page, so each page gets the answers to
 * its own calls and all of them get the events. A page that vanished without saying bye (a crash)
 * is dropped once its heartbeats stop.
 */
export function servePhoneLink(
  channel: LinkChannel,
  server: RpcServer,
  options: { staleAfterMs?: number; now?: () => number } = {},
): PhoneLinkServer {
  const staleAfterMs = options.staleAfterMs ?? 10_000;
  const now = options.now ?? Date.now;
  const clients = new Map<string, Client>();
  const frameListeners = new Map<string, Set<(frame: string) => void>>();

  const portFor = (client: string): RpcPort => ({
    send: (frame) => post(channel, { k: 'frame', from: PHONE_ADDRESS, to: client, f: frame }),
    onMessage(listener) {
      let set = frameListeners.get(client);
      if (!set) frameListeners.set(client, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  });

  const drop = (client: string): void => {
    clients.get(client)?.detach();
    clients.delete(client);
    frameListeners.delete(client);
  };

  /** Attaches a page the first time it is heard from; every later message counts as a heartbeat. */
  const greet = (client: string): boolean => {
    const known = clients.get(client);
    if (known) {
      known.lastSeen = now();
      return false;
    }
    clients.set(client, { detach: server.attach(portFor(client)), lastSeen: now() });
    return true;
  };

  const off = onLinkMessage(channel, (message) => {
    switch (message.k) {
      case 'hello':
        post(channel, { k: 'welcome', to: message.from, fresh: greet(message.from) });
        return;
      case 'bye':
        drop(message.from);
        return;
      case 'frame':
        if (message.to !== PHONE_ADDRESS) return;
        // A call from a page this side does not know (the phone page restarted under it) is served
        // anyway: the page's hello may simply not have arrived yet.
        if (greet(message.from)) post(channel, { k: 'welcome', to: message.from, fresh: true });
        frameListeners.get(message.from)?.forEach((l) => l(message.f));
        return;
      case 'welcome':
      case 'phone-up':
      case 'phone-down':
        return;
    }
  });

  const sweep = setInterval(() => {
    for (const [client, entry] of clients) if (now() - entry.lastSeen > staleAfterMs) drop(client);
  }, Math.max(1000, staleAfterMs / 2));

  post(channel, { k: 'phone-up' });

  return {
    clients: () => clients.size,
    close() {
      clearInterval(sweep);
      off();
      for (const client of [...clients.keys()]) drop(client);
      post(channel, { k: 'phone-down' });
    },
  };
}
