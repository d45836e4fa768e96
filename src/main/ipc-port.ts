import type { Logger } from '../shared/log';
import type { RpcPort } from '../shared/rpc/port';
import { RPC_IPC_CHANNEL } from '../shared/rpc/ipc-channel';

/** The parts of Electron's ipcMain and WebContents this transport needs; tests pass in-memory stand-ins. */
export type IpcHandler = (event: { sender: unknown; senderFrame?: { url: string } | null }, frame: unknown) => void;
export interface IpcMainLike {
  on(channel: string, listener: IpcHandler): unknown;
  removeListener(channel: string, listener: IpcHandler): unknown;
}
export interface WebContentsLike {
  send(channel: string, frame: string): void;
  isDestroyed(): boolean;
}

/**
 * One window's end of the RPC. Frames are accepted only from that window's own web contents
 * and from our own origin; anything else is dropped and logged.
 */
export function ipcRpcPort(ipcMain: IpcMainLike, contents: WebContentsLike, isTrustedUrl: (url: string) => boolean, log: Logger): RpcPort {
  return {
    send(frame) {
      if (!contents.isDestroyed()) contents.send(RPC_IPC_CHANNEL, frame);
    },
    onMessage(listener) {
      const handler: IpcHandler = (event, frame) => {
        if (event.sender !== contents) return;
        const url = event.senderFrame?.url ?? '';
        if (!isTrustedUrl(url) || typeof frame !== 'string') {
          log.log('warn', 'ipc message dropped: untrusted sender or payload', { url: url.slice(0, 100) });
          return;
        }
        listener(frame);
      };
      ipcMain.on(RPC_IPC_CHANNEL, handler);
      return () => void ipcMain.removeListener(RPC_IPC_CHANNEL, handler);
    },
  };
}
