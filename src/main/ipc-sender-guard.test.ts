import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../shared/log';
import { RPC_IPC_CHANNEL } from '../shared/rpc/ipc-channel';
import { ipcRpcPort, ipcUnknownSenderGuard, type IpcHandler, type IpcMainLike, type WebContentsLike } from './ipc-port';

const OWN = 'file:///app/out/renderer/index.html';
const isOwn = (url: string): boolean => url.split('?')[0] === OWN;

function fakeIpcMain() {
  const handlers = new Set<IpcHandler>();
  const ipcMain: IpcMainLike = {
    on: (channel, listener) => {
      expect(channel).toBe(RPC_IPC_CHANNEL);
      handlers.add(listener);
    },
    removeListener: (_channel, listener) => handlers.delete(listener),
  };
  const emit = (sender: unknown, frameInfo: { url: string; parent?: unknown }, frame: unknown): void =>
    handlers.forEach((h) => h({ sender, senderFrame: frameInfo }, frame));
  return { ipcMain, emit, handlers };
}

const contents = (): WebContentsLike => ({ send: () => {}, isDestroyed: () => false });

describe('IPC sender checks across the main and phone windows', () => {
  it('routes each frame to its own window only, and logs frames from web contents that are not ours', () => {
    const { ipcMain, emit } = fakeIpcMain();
    const log = createMemoryLogger();
    const mainWindow = contents();
    const phoneWindow = contents();
    const stranger = contents();
    const got = { main: [] as string[], phone: [] as string[] };
    ipcRpcPort(ipcMain, mainWindow, isOwn, log).onMessage((f) => got.main.push(f));
    ipcRpcPort(ipcMain, phoneWindow, isOwn, log).onMessage((f) => got.phone.push(f));
    const ours = new Set<unknown>([mainWindow, phoneWindow]);
    const stop = ipcUnknownSenderGuard(ipcMain, (s) => ours.has(s), log);

    emit(mainWindow, { url: OWN, parent: null }, 'from-main');
    emit(phoneWindow, { url: `${OWN}?window=phone`, parent: null }, 'from-phone');
    emit(stranger, { url: 'https://evil.example/', parent: null }, 'from-stranger');

    expect(got).toEqual({ main: ['from-main'], phone: ['from-phone'] });
    expect(log.entries).toEqual([
      { level: 'warn', message: 'ipc message dropped: unknown sender', fields: { url: 'https://evil.example/' } },
    ]);
    stop();
    emit(stranger, { url: 'https://evil.example/' }, 'again');
    expect(log.entries).toHaveLength(1);
  });

  it('refuses frames from an embedded frame even when its URL looks like ours', () => {
    const { ipcMain, emit } = fakeIpcMain();
    const log = createMemoryLogger();
    const window = contents();
    const received: string[] = [];
    ipcRpcPort(ipcMain, window, isOwn, log).onMessage((f) => received.push(f));
    emit(window, { url: OWN, parent: { url: OWN } }, 'from-iframe');
    emit(window, { url: OWN, parent: null }, 'from-top');
    expect(received).toEqual(['from-top']);
    expect(log.entries.map((e) => e.message)).toEqual(['ipc message dropped: untrusted sender or payload']);
  });
});
