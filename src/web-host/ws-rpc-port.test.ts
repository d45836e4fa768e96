import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import type { RpcPort } from '../shared/rpc/port';
import { describeRpcConformance } from '../../tests/harness/shared/rpc-conformance';
import { wsRpcPort } from './ws-rpc-port';

/** A real loopback WebSocket: the server end is the web host's port, the client end a plain ws client. */
describeRpcConformance('a loopback WebSocket', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const serverSocket = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve) => socket.once('open', () => resolve()));
  const client: RpcPort = {
    send: (frame) => socket.send(frame),
    onMessage: (listener) => {
      const handler = (data: unknown): void => listener(String(data));
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
  };
  return {
    server: wsRpcPort(await serverSocket),
    client,
    sendRaw: (frame) => socket.send(frame),
    close: async () => {
      socket.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
});
