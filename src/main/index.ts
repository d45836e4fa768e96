import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedHub, type EmbeddedHub } from '../host/embedded-hub';
import { startHostServices, type HostServices } from '../host/host-services';
import { createLogger } from '../shared/log';
import { createRpcServer } from '../shared/rpc/rpc-server';
import { ipcRpcPort } from './ipc-port';

const log = createLogger('main', (line) => process.stderr.write(`${line}\n`));
let hub: EmbeddedHub | null = null;
let services: HostServices | null = null;

const rendererUrl = (): string => process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`;
const isOwnUrl = (url: string): boolean => url.startsWith(process.env.ELECTRON_RENDERER_URL ?? 'file://');

async function start(): Promise<void> {
  const dataDir = join(app.getPath('userData'), 'data');
  mkdirSync(dataDir, { recursive: true });
  let hubUrl = process.env.SWITCHBOARD_HUB_URL;
  if (!hubUrl) {
    // No hub configured: run the demo hub with Electron's own Node, so a newcomer sees a working inbox.
    hub = await startEmbeddedHub({
      command: process.execPath,
      args: [join(__dirname, 'hub.js')],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      dataDir: join(dataDir, 'hub'),
      log,
    });
    hubUrl = hub.url;
  }
  const rpc = createRpcServer(log);
  services = startHostServices({ hubUrl, dataDir }, rpc, log);

  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(permission === 'media' && isOwnUrl(contents.getURL()));
  });

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const detach = rpc.attach(ipcRpcPort(ipcMain, window.webContents, isOwnUrl, log));
  window.on('closed', detach);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(rendererUrl());
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.whenReady().then(start, (cause: unknown) => {
    log.log('error', 'start failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    app.quit();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    services?.stop();
    void hub?.stop();
  });
}
