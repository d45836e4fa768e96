import type { WebSocket } from 'ws';
import type { Logger } from '../../shared/log';
import type { HubLimits } from './limits';

/** Close codes the hub's sockets share: what a client (and a test) can tell apart. */
export const SOCKET_CLOSE = {
  /** Too many malformed frames before signing in. */
  badFrames: 4400,
  /** No hello in time. */
  helloTimeout: 4408,
  /** Over a cap for its source address. */
  overLimit: 4429,
  /** A widget hello whose signature does not verify (or has expired). */
  badSignature: 4403,
} as const;

export interface SocketGuard {
  /** Sends unless the peer has stopped reading; a peer that has is cut off instead of buffered for. */
  send(text: string): boolean;
  /** The peer said hello: no deadline any more, and bad frames are its own business (answered, not counted). */
  signedIn(): void;
  /**
   * A frame that could not be used. Before sign-in these are counted, not logged one by one, and the socket is
   * closed past the limit; returns false once it is.
   */
  badFrame(): boolean;
  readonly open: boolean;
}

/**
 * The bounds every hub socket shares: a hello deadline, back-pressure on what it is sent, and a budget of bad
 * frames for a peer that has not signed in. One summary line per socket replaces a log line per bad frame.
 */
export function guardSocket(socket: WebSocket, opts: { limits: HubLimits; log: Logger; what: string }): SocketGuard {
  const { limits, log } = opts;
  let signedIn = false;
  let bad = 0;
  let cutOff = false;
  const deadline = setTimeout(() => {
    if (socket.readyState === socket.OPEN) socket.close(SOCKET_CLOSE.helloTimeout, 'hello timeout');
  }, limits.helloTimeoutMs);
  deadline.unref();
  socket.once('close', () => {
    clearTimeout(deadline);
    if (bad > 0 && !signedIn) log.log('warn', `${opts.what} socket sent bad frames before signing in`, { count: bad, closed: bad > limits.maxBadFrames });
  });

  return {
    send(text) {
      if (socket.readyState !== socket.OPEN) return false;
      if (socket.bufferedAmount + text.length > limits.maxBufferedBytes) {
        if (!cutOff) {
          cutOff = true;
          log.log('warn', `${opts.what} socket cut off: it stopped reading`, { buffered: socket.bufferedAmount });
        }
        socket.terminate();
        return false;
      }
      socket.send(text);
      return true;
    },
    signedIn() {
      signedIn = true;
      clearTimeout(deadline);
    },
    badFrame() {
      if (signedIn) return true;
      bad++;
      if (bad <= limits.maxBadFrames) return true;
      if (socket.readyState === socket.OPEN) socket.close(SOCKET_CLOSE.badFrames, 'too many bad frames');
      return false;
    },
    get open() {
      return socket.readyState === socket.OPEN && !cutOff;
    },
  };
}

/** Open sockets per source address, so one address cannot hold thousands. */
export function createAddressCounter(max: number) {
  const open = new Map<string, number>();
  return {
    /** Counts the socket in, or false when its address is at the cap; the count drops when it closes. */
    admit(address: string, socket: WebSocket): boolean {
      const n = open.get(address) ?? 0;
      if (n >= max) return false;
      open.set(address, n + 1);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left <= 0) open.delete(address);
        else open.set(address, left);
      });
      return true;
    },
  };
}
