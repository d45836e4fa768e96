import type { RpcPort } from '../../shared/rpc/port';
import { createReconnectingSocket, type SocketFactory } from '../../shared/rpc/reconnecting-socket';

export interface ReconnectingPort extends RpcPort {
  onStatus(listener: (open: boolean) => void): () => void;
}

/** The web host closes a page's socket with this code when its token is wrong: retrying cannot help. */
const REFUSED = 4401;

/** The browser's WebSocket behind the shared reconnecting transport. */
const browserSocket: SocketFactory = (url, events) => {
  const ws = new WebSocket(url);
  ws.onopen = () => events.open();
  ws.onmessage = (event) => {
    if (typeof event.data === 'string') events.message(event.data);
  };
  ws.onclose = (event) => events.close(event.code);
  return {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    drop: () => ws.close(),
  };
};

/**
 * The web host's transport: the shared reconnecting socket (jittered backoff, stops on a refused token).
 * Frames sent while the socket is down wait for it; the RPC client times out calls that never get an
 * answer, and answers every call at once after the host refused the page (`transport_unauthorized`).
 */
export function browserWsPort(url: string): ReconnectingPort {
  const queue: string[] = [];
  let refused = false;
  const socket = createReconnectingSocket({
    connect: browserSocket,
    address: () => ({ url, hello: null }),
    backoff: { baseMs: 250, maxMs: 5_000 },
    finalCodes: [REFUSED],
  });
  socket.onStatus((status) => {
    if (status.state === 'open') {
      socket.accepted();
      while (queue.length > 0 && socket.send(queue[0]!)) queue.shift();
    } else if (status.state === 'refused') {
      refused = true;
      queue.length = 0;
    }
  });
  return {
    send(frame) {
      if (!socket.send(frame) && !refused) queue.push(frame);
    },
    onMessage: (listener) => socket.onMessage((text) => listener(text)),
    onStatus: (listener) =>
      socket.onStatus((status) => {
        if (status.state === 'open') listener(true);
        else if (status.state !== 'connecting' && status.state !== 'waiting') listener(false);
      }),
  };
}
