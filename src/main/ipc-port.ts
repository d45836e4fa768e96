import type { Logger } from '../shared/log';
import type { RpcPort } from '../shared/rpc/port';
import { RPC_IPC_CHANNEL } from '../shared/rpc/ipc-channel';

/** The parts of Electron's ipcMain and WebContents this transport needs; tests pass in-memory stand-ins. */
export type IpcHandler = (
  event: { sender: unknown; senderFrame?: { url: string; parent?: unknown } | null },
  frame: unknown,
) => void;
export interface IpcMainLike {
  on(channel: string, listener: IpcHandler): unknown;
  removeListener(channel: string, listener: IpcHandler): unknown;
}
export interface WebContentsLike {
  send(channel: string, frame: string): void;
  isDestroyed(): boolean;
}

/**
 * One window's end of the RPC. Frames are accepted only from that window's own web contents,
 * from its top frame (never an embedded frame) and from our own origin; anything else is
 * dropped and logged. Frames from web contents that are none of our windows are logged by
 * `ipcUnknownSenderGuard`, since each window's port rightly ignores its siblings' frames.
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
        const topFrame = event.senderFrame?.parent === undefined || event.senderFrame.parent === null;
        if (!topFrame || !isTrustedUrl(url) || typeof frame !== 'string') {
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

/**
 * Logs (and so accounts for) every frame on the RPC channel from web contents that are not one
 * of our windows: the window ports never see those as theirs, so without this they would vanish
 * silently.
 */
export function ipcUnknownSenderGuard(ipcMain: IpcMainLike, isOurWindow: (sender: unknown) => boolean, log: Logger): () => void {
  const handler: IpcHandler = (event) => {
    if (isOurWindow(event.sender)) return;
    log.log('warn', 'ipc message dropped: unknown sender', { url: (event.senderFrame?.url ?? '').slice(0, 100) });
  };
  ipcMain.on(RPC_IPC_CHANNEL, handler);
  return () => void ipcMain.removeListener(RPC_IPC_CHANNEL, handler);
}
