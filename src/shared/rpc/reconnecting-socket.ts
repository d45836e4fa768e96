import { backoffDelay } from '../backoff';

/** What the transport is told by one socket; the factory wires a browser `WebSocket` or `ws` to it. */
export interface SocketEvents {
  open(): void;
  message(text: string): void;
  close(code: number): void;
}

/** One socket as the transport drives it. */
export interface SocketHandle {
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Drops the socket at once: a peer that went silent may never answer a closing handshake. */
  drop(): void;
}

export type SocketFactory = (url: string, events: SocketEvents) => SocketHandle;

/**
 * `connecting`: opening a socket (or asking where to); `open`: the hello went out; `waiting`: nothing to connect
 * with yet (signed out), asked again after a backoff; `down`: the socket closed, a reconnect is scheduled;
 * `refused`: the peer closed with a code after which retrying cannot help; `closed`: the owner closed it.
 */
export type SocketStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'waiting'; detail: string }
  /** `silent`: the heartbeat found nothing heard for too long and dropped it. */
  | { state: 'down'; code: number | null; silent?: boolean }
  | { state: 'refused'; code: number }
  | { state: 'closed' };

export interface ReconnectingSocketOptions {
  connect: SocketFactory;
  /** Where to connect now and the hello to send first (fresh credentials each time), or why not yet. */
  address(): Promise<{ url: string; hello: string | null } | { wait: string }> | { url: string; hello: string | null } | { wait: string };
  /**
   * Every `everyMs` the socket is dropped if nothing was heard for `deadAfterMs`; otherwise `ping()` is sent
   * (when it returns a frame). The peer's answer to it is what keeps a quiet link alive.
   */
  heartbeat?: { everyMs: number; deadAfterMs: number; ping(): string | null };
  backoff?: { baseMs?: number; maxMs?: number; random?: () => number };
  /** Close codes after which retrying cannot help (a refused token, a role that may not connect). */
  finalCodes?: readonly number[];
}

export interface ReconnectingSocket {
  /** Sends on the open socket; false when none is open (the caller queues or fails what it sent). */
  send(text: string): boolean;
  /** Each text frame, with the number of the socket it came on (see `current`). */
  onMessage(listener: (text: string, connection: number) => void): () => void;
  onStatus(listener: (status: SocketStatus) => void): () => void;
  /** The number of the socket in use (opening or open), or null between sockets: frames of an older one are stale. */
  current(): number | null;
  /** The peer accepted the hello: the next drop starts the backoff again from the shortest delay. */
  accepted(): void;
  /** Drops the socket (it failed us) and reconnects after the backoff. */
  drop(): void;
  /** Drops the socket and reconnects now, e.g. after the machine wakes. */
  reconnectNow(): void;
  close(): void;
}

/**
 * The one reconnecting transport of every socket the app opens (the host's hub and supervisor links, the
 * browser's link to the web host): asks where to connect and with what hello on each attempt, notices a
 * silent peer by heartbeat, and retries with jittered exponential backoff unless the peer refused for good.
 */
export function createReconnectingSocket(options: ReconnectingSocketOptions): ReconnectingSocket {
  const finalCodes = new Set(options.finalCodes ?? []);
  const messageListeners = new Set<(text: string, connection: number) => void>();
  const statusListeners = new Set<(status: SocketStatus) => void>();
  let socket: { id: number; handle: SocketHandle | null; open: boolean } | null = null;
  let nextId = 1;
  let closed = false;
  let attempt = 0;
  let lastHeard = 0;
  let beat: ReturnType<typeof setInterval> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const status = (s: SocketStatus): void => statusListeners.forEach((l) => l(s));
  const stopBeat = (): void => {
    if (beat) clearInterval(beat);
    beat = null;
  };
  const schedule = (): void => {
    if (closed || retry) return;
    const b = options.backoff ?? {};
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, backoffDelay(attempt++, b.baseMs, b.maxMs, b.random));
  };

  /** Forgets the current socket; later events from it are ignored. */
  const release = (how: 'close' | 'drop'): void => {
    const s = socket;
    socket = null;
    stopBeat();
    if (!s?.handle) return;
    if (how === 'drop') s.handle.drop();
    else s.handle.close(1000, 'closed');
  };

  async function connect(): Promise<void> {
    if (closed || socket) return;
    const mine = { id: nextId++, handle: null as SocketHandle | null, open: false };
    socket = mine;
    status({ state: 'connecting' });
    let target: Awaited<ReturnType<ReconnectingSocketOptions['address']>>;
    try {
      target = await options.address();
    } catch (cause) {
      target = { wait: cause instanceof Error ? cause.message : String(cause) };
    }
    if (socket !== mine) return;
    if ('wait' in target) {
      socket = null;
      status({ state: 'waiting', detail: target.wait });
      schedule();
      return;
    }
    const stale = (): boolean => socket !== mine;
    mine.handle = options.connect(target.url, {
      open() {
        if (stale()) return;
        mine.open = true;
        lastHeard = Date.now();
        if (target.hello !== null) mine.handle?.send(target.hello);
        const hb = options.heartbeat;
        if (hb) {
          stopBeat();
          beat = setInterval(() => {
            if (Date.now() - lastHeard > hb.deadAfterMs) {
              release('drop');
              status({ state: 'down', code: null, silent: true });
              schedule();
              return;
            }
            const ping = hb.ping();
            if (ping !== null) mine.handle?.send(ping);
          }, hb.everyMs);
        }
        status({ state: 'open' });
      },
      message(text) {
        if (stale()) return;
        lastHeard = Date.now();
        messageListeners.forEach((l) => l(text, mine.id));
      },
      close(code) {
        if (stale()) return;
        socket = null;
        stopBeat();
        if (closed) return;
        if (finalCodes.has(code)) {
          closed = true;
          status({ state: 'refused', code });
          return;
        }
        status({ state: 'down', code });
        schedule();
      },
    });
  }

  // Started once the owner has had a chance to listen to its status.
  queueMicrotask(() => void connect());

  return {
    send(text) {
      if (!socket?.open || !socket.handle) return false;
      socket.handle.send(text);
      return true;
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    current: () => socket?.id ?? null,
    accepted() {
      attempt = 0;
    },
    drop() {
      if (closed || !socket) return;
      release('drop');
      status({ state: 'down', code: null });
      schedule();
    },
    reconnectNow() {
      if (closed) return;
      attempt = 0;
      if (retry) clearTimeout(retry);
      retry = null;
      if (socket) {
        release('drop');
        status({ state: 'down', code: null });
      }
      void connect();
    },
    close() {
      if (closed) return;
      closed = true;
      if (retry) clearTimeout(retry);
      retry = null;
      release('close');
      status({ state: 'closed' });
    },
  };
}
