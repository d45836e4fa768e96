import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { RPC_IPC_CHANNEL } from '../shared/rpc/ipc-channel';

/**
 * Exactly one bridge: text frames of the typed RPC on one channel. The page can name no other
 * channel and reach no Node or Electron API.
 */
contextBridge.exposeInMainWorld('switchboard', {
  send(frame: unknown): void {
    if (typeof frame === 'string') ipcRenderer.send(RPC_IPC_CHANNEL, frame);
  },
  onMessage(listener: (frame: string) => void): () => void {
    const handler = (_event: IpcRendererEvent, frame: unknown): void => {
      if (typeof frame === 'string') listener(frame);
    };
    ipcRenderer.on(RPC_IPC_CHANNEL, handler);
    return () => ipcRenderer.removeListener(RPC_IPC_CHANNEL, handler);
  },
});
