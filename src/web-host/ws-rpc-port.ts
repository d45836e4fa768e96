import type { WebSocket } from 'ws';
import type { RpcPort } from '../shared/rpc/port';

/** Carries RPC text frames over one browser WebSocket. */
export function wsRpcPort(socket: WebSocket): RpcPort {
  return {
    send(frame) {
      if (socket.readyState === socket.OPEN) socket.send(frame);
    },
    onMessage(listener) {
      const handler = (data: unknown, isBinary: boolean): void => {
        if (!isBinary) listener(String(data));
      };
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
  };
}
