import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../shared/log';
import { RPC_IPC_CHANNEL } from '../shared/rpc/ipc-channel';
import type { RpcPort } from '../shared/rpc/port';
import { describeRpcConformance } from '../../tests/harness/shared/rpc-conformance';
import { ipcRpcPort, type IpcHandler, type IpcMainLike, type WebContentsLike } from './ipc-port';

const OWN_URL = 'file:///app/out/renderer/index.html';

/**
 * In-memory stand-ins for ipcMain, one window's webContents and the preload bridge, wired
 * the way Electron wires them: renderer → ipcMain carries the sender; main → renderer goes
 * through webContents.send.
 */
function fakeElectron() {
  const handlers = new Set<IpcHandler>();
  const rendererListeners = new Set<(frame: string) => void>();
  const ipcMain: IpcMainLike = {
    on: (_channel, listener) => handlers.add(listener),
    removeListener: (_channel, listener) => handlers.delete(listener),
  };
  const contents: WebContentsLike = {
    send: (channel, frame) => {
      if (channel === RPC_IPC_CHANNEL) queueMicrotask(() => rendererListeners.forEach((l) => l(frame)));
    },
    isDestroyed: () => false,
  };
  const emitFrom = (sender: unknown, url: string, frame: unknown): void => {
    queueMicrotask(() => handlers.forEach((h) => h({ sender, senderFrame: { url } }, frame)));
  };
  const bridge: RpcPort = {
    send: (frame) => emitFrom(contents, OWN_URL, frame),
    onMessage: (listener) => {
      rendererListeners.add(listener);
      return () => rendererListeners.delete(listener);
    },
  };
  return { ipcMain, contents, bridge, emitFrom, handlers };
}

describeRpcConformance('Electron IPC (in-memory ipcMain and webContents)', async () => {
  const electron = fakeElectron();
  const server = ipcRpcPort(electron.ipcMain, electron.contents, (url) => url.startsWith('file://'), createMemoryLogger());
  return { server, client: electron.bridge, sendRaw: (f) => electron.bridge.send(f), close: async () => {} };
});

describe('the IPC transport', () => {
  it('drops and logs frames from another window or origin', async () => {
    const electron = fakeElectron();
    const log = createMemoryLogger();
    const port = ipcRpcPort(electron.ipcMain, electron.contents, (url) => url.startsWith('file://'), log);
    const received: string[] = [];
    port.onMessage((f) => received.push(f));
    electron.emitFrom({ other: 'window' }, OWN_URL, '{"t":"req"}');
    electron.emitFrom(electron.contents, 'https://evil.example/', '{"t":"req"}');
    electron.emitFrom(electron.contents, OWN_URL, { not: 'a string' });
    electron.emitFrom(electron.contents, OWN_URL, 'ok-frame');
    await expect.poll(() => received).toEqual(['ok-frame']);
    expect(log.entries.filter((e) => e.message.includes('dropped')).length).toBe(2);
  });
});
