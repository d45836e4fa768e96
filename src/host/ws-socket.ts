import WebSocket from 'ws';
import type { Logger } from '../shared/log';
import type { SocketFactory } from '../shared/rpc/reconnecting-socket';

/** Node's `ws` behind the shared reconnecting transport (src/shared/rpc/reconnecting-socket.ts). */
export function wsSocketFactory(log: Logger, what: string, options: WebSocket.ClientOptions = {}): SocketFactory {
  return (url, events) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => events.open());
    ws.on('message', (data, isBinary) => {
      if (!isBinary) events.message(String(data));
    });
    ws.on('error', (cause) => log.log('info', `${what} socket error`, { detail: cause.message }));
    ws.on('close', (code) => events.close(code));
    return {
      send: (text) => ws.send(text),
      close: (code, reason) => ws.close(code, reason),
      drop: () => ws.terminate(),
    };
  };
}
