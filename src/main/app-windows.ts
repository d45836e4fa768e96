import { BrowserWindow, type WebContents } from 'electron';
import { join } from 'node:path';
import type { SupervisedWindow } from './phone-supervisor';
import type { OriginPolicy } from './security-policy';

export function createMainWindow(policy: OriginPolicy, preloadDir: string, icon: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Switchboard',
    icon,
    // Written out in full in each window (not built by a helper) so a reader and the
    // electronegativity scan both see every setting where the window is made.
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click could otherwise try to open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(policy.pageUrl('main'));
  return window;
}

/**
 * The hidden window the phone engine runs in (WebRTC needs a renderer). It never shows; it
 * must not be throttled in the background, or audio and SIP keep-alives would stall.
 */
export function createPhoneWindow(
  policy: OriginPolicy,
  preloadDir: string,
  attach: (contents: WebContents) => () => void,
): SupervisedWindow & { contents: WebContents } {
  const window = new BrowserWindow({
    show: false,
    width: 400,
    height: 300,
    skipTaskbar: true,
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      backgroundThrottling: false,
    },
  });
  const contents = window.webContents;
  const detach = attach(contents);
  void window.loadURL(policy.pageUrl('phone'));
  return {
    contents,
    onGone: (listener) => contents.on('render-process-gone', (_event, details) => listener({ reason: details.reason, exitCode: details.exitCode })),
    onLoaded: (listener) => contents.on('did-finish-load', listener),
    onUnresponsive: (listener) => {
      window.on('unresponsive', () => listener(false));
      window.on('responsive', () => listener(true));
    },
    kill: () => contents.forcefullyCrashRenderer(),
    dispose: () => {
      detach();
      if (!window.isDestroyed()) window.destroy();
    },
  };
}
