import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { join } from 'node:path';
import type { SupervisedWindow } from './phone-watchdog';
import type { OriginPolicy } from './security-policy';

/** What differs between our windows: their frame, never their security. */
type WindowFrame = Omit<BrowserWindowConstructorOptions, 'webPreferences' | 'show'>;

/**
 * The one `new BrowserWindow` of the app, so every window gets the same locked-down
 * webPreferences. They stay a literal object at the constructor call (not built by a helper):
 * the electronegativity scan reads only that argument, and a reader sees every setting in one place.
 * Windows start hidden; each caller decides when (or whether) to show.
 */
function createSecureWindow(preloadDir: string, frame: WindowFrame, backgroundThrottling: boolean): BrowserWindow {
  return new BrowserWindow({
    ...frame,
    show: false,
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
      backgroundThrottling,
    },
  });
}

export function createMainWindow(policy: OriginPolicy, preloadDir: string, icon: string): BrowserWindow {
  // Background throttling stays on (Electron's default), as it always was for this window.
  const window = createSecureWindow(preloadDir, { width: 1280, height: 820, minWidth: 900, minHeight: 600, title: 'Switchboard', icon }, true);
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
  const window = createSecureWindow(preloadDir, { width: 400, height: 300, skipTaskbar: true }, false);
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
