/**
 * The one thing a transport must provide: text frames both ways. Electron IPC, a WebSocket
 * and an in-memory pair all fit.
 */
export interface RpcPort {
  send(frame: string): void;
  onMessage(listener: (frame: string) => void): () => void;
  /**
   * A transport that reconnects under the same client says when it is open again: the server on the
   * other end is a new connection then, and the client listens again to what it listened to.
   */
  onStatus?(listener: (open: boolean) => void): () => void;
}

/** Two connected in-memory ports, for tests of the RPC layer itself. */
export function createPortPair(): [RpcPort, RpcPort] {
  const listeners: [Set<(f: string) => void>, Set<(f: string) => void>] = [new Set(), new Set()];
  const make = (self: 0 | 1): RpcPort => ({
    send(frame) {
      const other = listeners[self === 0 ? 1 : 0];
      queueMicrotask(() => other.forEach((l) => l(frame)));
    },
    onMessage(listener) {
      listeners[self].add(listener);
      return () => listeners[self].delete(listener);
    },
  });
  return [make(0), make(1)];
}
