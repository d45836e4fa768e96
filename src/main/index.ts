import { app, globalShortcut, ipcMain, powerMonitor, safeStorage, session, type BrowserWindow, type WebContents } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedHub, type EmbeddedHub } from '../host/embedded-hub';
import { startHostServices, type HostServices } from '../host/host-services';
import { demoTelephonyPorts, prepareDemoTelephony, type RunningDemoTelephony } from '../host/telephony/demo-telephony';
import { kamailioInstalled } from '../host/telephony/kamailio-installed';
import { openEncryptedSecretStore, type Encryptor } from '../host/settings/secret-store';
import { sealedCacheKey } from '../host/cache/cache-key';
import { openSettingsStore } from '../host/settings/settings-store';
import { createUpdateController, type UpdateController } from '../host/updater/update-controller';
import type { ShellStringKey } from './i18n/translate';
import type { shellContract } from '../shared/contracts/shell-contract';
import { createLogger } from '../shared/log';
import type { ContractEmitter } from '../shared/rpc/contract';
import { createRpcServer } from '../shared/rpc/rpc-server';
import { createMainWindow, createPhoneWindow } from './app-windows';
import { createNotifier } from './app-notifier';
import { createAppTray, type TrayIconSet } from './app-tray';
import { createDialInbox, findDialArgument, type DialInbox } from './dial-inbox';
import { createE2eProbe } from './e2e-probe';
import { createElectronUpdaterSource } from './electron-updater-source';
import { guardAllWebContents, hardenSession } from './harden';
import { createTranslator, languageFromLocale } from './i18n/translate';
import { ipcRpcPort, ipcUnknownSenderGuard } from './ipc-port';
import { createPhoneWatchdog, type PhoneWatchdog } from './phone-watchdog';
import { createOriginPolicy } from './security-policy';
import { registerShellService, type ShellView } from './shell-service';
import { createShortcutRegistry } from './shortcut-registry';
import { buildTrayModel, type TrayAction } from './tray-menu-model';
import { shouldHideOnClose, shouldNotify } from './window-policy';

const log = createLogger('main', (line) => process.stderr.write(`${line}\n`));
const DIAL_SCHEMES = ['tel', 'sip', 'sips'];
const policy = createOriginPolicy({ devServerUrl: process.env.ELECTRON_RENDERER_URL, rendererIndexFile: join(__dirname, '../renderer/index.html') });
const preloadDir = join(__dirname, '../preload');
/**
 * resources/ ships with the app, unpacked from the asar archive (electron-builder `asarUnpack`) so
 * the tray and notification services of the OS can read the icons by path; in development it is
 * the repo's.
 */
const appFile = (...parts: string[]): string => join(app.getAppPath().replace(/app\.asar$/, 'app.asar.unpacked'), ...parts);
const resource = (...parts: string[]): string => appFile('resources', ...parts);

let hub: EmbeddedHub | null = null;
/** Kamailio (and rtpengine) beside the embedded demo hub, stopped by PID on quit. */
let sipServers: RunningDemoTelephony | null = null;
let services: HostServices | null = null;
let watchdog: PhoneWatchdog | null = null;
let updater: UpdateController | null = null;
let mainWindow: BrowserWindow | null = null;
let dialInbox: DialInbox | null = null;
/** Set once the user (or an update) really quits; until then closing the window may only hide it. */
let quitting = false;
/** Links that arrive before the app is ready (macOS sends open-url that early). */
const earlyLinks: string[] = [];
const receiveLink = (link: string): void => (dialInbox ? dialInbox.receive(link) : void earlyLinks.push(link));
const probe = createE2eProbe(process.env.SWITCHBOARD_E2E === '1');

function showMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** safeStorage, except Linux's `basic_text` backend, which is a fixed key and no protection at all. */
const safeStorageEncryptor: Encryptor = {
  isEncryptionAvailable: () =>
    safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
  encryptString: (text) => safeStorage.encryptString(text),
  decryptString: (data) => safeStorage.decryptString(data),
};

async function start(): Promise<void> {
  const dataDir = join(app.getPath('userData'), 'data');
  mkdirSync(dataDir, { recursive: true });
  const settings = openSettingsStore(dataDir, log);
  const secrets = openEncryptedSecretStore(dataDir, safeStorageEncryptor, log);

  let hubUrl = process.env.SWITCHBOARD_HUB_URL ?? settings.get().hubUrl ?? undefined;
  if (!hubUrl) {
    // No hub configured: run the demo hub with Electron's own Node, so a newcomer sees a working inbox,
    // and, where Kamailio is installed, a phone that registers at sign-in (`--no-demo-phone` leaves it off).
    const telephony =
      !process.argv.includes('--no-demo-phone') && kamailioInstalled() ? await prepareDemoTelephony(log, { configFile: appFile('sip', 'kamailio.cfg'), ...demoTelephonyPorts(process.env) }) : null;
    hub = await startEmbeddedHub({
      command: process.execPath,
      args: [join(__dirname, 'hub.js')],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...telephony?.hubEnv },
      dataDir: join(dataDir, 'hub'),
      // `npm start -- --minimal-demo --no-demo-traffic`, as for the browser shell.
      demoDesk: !process.argv.includes('--minimal-demo'),
      demoTraffic: !process.argv.includes('--no-demo-traffic'),
      log,
    });
    hubUrl = hub.url;
    sipServers = (await telephony?.start(hub.url)) ?? null;
  }
  const rpc = createRpcServer(log);
  // The account caches are encrypted; their key is sealed by the OS keychain (safeStorage), like the token.
  const cacheKey = sealedCacheKey(dataDir, safeStorageEncryptor, log);
  const hostServices = startHostServices({ hubUrl, dataDir, secrets, cacheKey }, rpc, log);
  services = hostServices;

  hardenSession(session.defaultSession, policy, log);
  guardAllWebContents(policy, receiveLink, log);

  const view: ShellView = {
    language: languageFromLocale(app.getLocale()),
    signedIn: false,
    agentState: null,
    displayName: null,
    phoneRegistered: false,
    activeCalls: 0,
  };
  const translate = () => createTranslator(view.language);
  let emitShell: ContractEmitter<typeof shellContract> | null = null;

  const appIcon = resource('icon.png');
  const notifier = createNotifier(
    appIcon,
    translate,
    (request) => {
      showMainWindow();
      emitShell?.('focusContact', { conversationId: request.conversationId, offerId: request.offerId });
    },
    probe.notification,
  );

  // IPC: one port per window of ours; frames from any other web contents are logged and dropped.
  const ourContents = new Set<WebContents>();
  const attach = (contents: WebContents): (() => void) => {
    ourContents.add(contents);
    const detach = rpc.attach(ipcRpcPort(ipcMain, contents, policy.isOwnUrl, log));
    return () => {
      detach();
      ourContents.delete(contents);
    };
  };
  ipcUnknownSenderGuard(ipcMain, (sender) => ourContents.has(sender as WebContents), log);

  const updates = createUpdateController({
    currentVersion: app.getVersion(),
    // A development build has no app-update.yml and would only update the bare Electron binary: updates are off.
    source: app.isPackaged ? createElectronUpdaterSource((intended) => (quitting = intended)) : null,
    settings: () => settings.get().updates,
    activeCalls: () => view.activeCalls,
    log,
  });
  updater = updates;
  updates.onState((state) => {
    emitShell?.('update', state);
    if (state.status === 'error' && state.problem === 'tampered') notifier.notice({ title: 'update.tampered.title', body: 'update.tampered.body' });
    if (state.status === 'ready') notifier.notice({ title: 'update.ready.title', body: 'update.ready.body', vars: { version: state.version } }, showMainWindow);
  });

  const shortcuts = createShortcutRegistry(globalShortcut, (action) => emitShell?.('shortcut', { action }));
  const reportConflicts = (): void => {
    for (const s of shortcuts.statuses()) {
      if (s.problem === 'conflict' && s.accelerator) notifier.notice({ title: 'shortcuts.conflict.title', body: 'shortcuts.conflict.body', vars: { accelerator: s.accelerator } });
    }
  };

  const trayIcons: TrayIconSet = {
    available: resource('tray', 'available.png'),
    busy: resource('tray', 'busy.png'),
    away: resource('tray', 'away.png'),
    after_call_work: resource('tray', 'after-call-work.png'),
    offline: resource('tray', 'offline.png'),
    signed_out: resource('tray', 'signed-out.png'),
  };
  const onTrayAction = (action: TrayAction): void => {
    switch (action.kind) {
      case 'show':
        return showMainWindow();
      case 'quit':
        quitting = true;
        return app.quit();
      case 'set_state':
        emitShell?.('agentStateRequested', { state: action.state });
        return;
    }
  };
  const tray = createAppTray(trayIcons, onTrayAction, showMainWindow);
  const renderTray = (): void => {
    const model = buildTrayModel(view, translate());
    tray.render(model);
    probe.tray(model);
  };

  const phone = createPhoneWatchdog({
    create: () => createPhoneWindow(policy, preloadDir, attach),
    onState: (state) => {
      emitShell?.('phone', state);
      if (state.status === 'restarting' || state.status === 'gave_up') {
        // The engine died with its calls and registration; a waiting update must not wait on ghosts.
        view.phoneRegistered = false;
        view.activeCalls = 0;
        renderTray();
        updates.callsChanged();
      }
      if (state.status === 'restarting') notifier.notice({ title: 'phone.restarted.title', body: 'phone.restarted.body' });
      if (state.status === 'gave_up') notifier.notice({ title: 'phone.restarted.title', body: 'phone.gaveUp.body' }, showMainWindow);
    },
  });
  watchdog = phone;

  const inbox = createDialInbox({
    dial: (request) => {
      showMainWindow();
      emitShell?.('dial', request);
    },
    accepted: probe.dial,
    refuse: (problem) => {
      probe.dialRefused(problem);
      const body: ShellStringKey = `dial.refused.${problem}`;
      emitShell?.('dialRefused', { problem, message: translate()(body) });
      notifier.notice({ title: 'dial.refused.title', body });
    },
    log,
  });

  const setLaunchAtLogin = (enabled: boolean): void => {
    // A development build would register the bare Electron binary; only installed copies start at login.
    if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: enabled });
  };

  emitShell = registerShellService(rpc, {
    appVersion: app.getVersion(),
    platform: process.platform,
    settings,
    updater: updates,
    shortcuts,
    phoneState: () => phone.state,
    dialInbox: inbox,
    view,
    viewChanged: renderTray,
    notify: (request) => {
      const focused = Boolean(mainWindow && !mainWindow.isDestroyed() && mainWindow.isVisible() && mainWindow.isFocused());
      if (!shouldNotify({ enabled: settings.get().notifications, supported: notifier.supported(), windowFocused: focused })) return false;
      notifier.contact(request);
      return true;
    },
    setLaunchAtLogin,
  });
  // The shell contract is served before any window loads, so no early call meets unknown_method.
  dialInbox = inbox;
  earlyLinks.splice(0).forEach(receiveLink);

  const window = createMainWindow(policy, preloadDir, appIcon);
  mainWindow = window;
  const detachMain = attach(window.webContents);
  let toldAboutTray = false;
  window.on('close', (event) => {
    const context = { quitting, closeToTray: settings.get().closeToTray, signedIn: view.signedIn, phoneRegistered: view.phoneRegistered };
    if (!shouldHideOnClose(context)) return;
    event.preventDefault();
    window.hide();
    if (!toldAboutTray) notifier.notice({ title: 'close.keptInTray.title', body: 'close.keptInTray.body' });
    toldAboutTray = true;
  });
  window.on('closed', () => {
    detachMain();
    mainWindow = null;
    // The main window is gone for good (not hidden): the app has nothing left to show.
    quitting = true;
    app.quit();
  });

  shortcuts.apply(settings.get().shortcuts);
  reportConflicts();
  setLaunchAtLogin(settings.get().launchAtLogin);
  if (app.isPackaged) for (const scheme of DIAL_SCHEMES) app.setAsDefaultProtocolClient(scheme);
  powerMonitor.on('suspend', () => log.log('info', 'system suspending'));
  powerMonitor.on('resume', () => {
    log.log('info', 'system resumed: reconnecting now');
    hostServices.wake();
  });
  renderTray();
  phone.start();
  updates.start();
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  const launchLink = findDialArgument(process.argv);
  if (launchLink) earlyLinks.push(launchLink);
  app.on('second-instance', (_event, argv) => {
    showMainWindow();
    const link = findDialArgument(argv);
    if (link) receiveLink(link);
  });
  // macOS delivers links by event, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receiveLink(url);
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.whenReady().then(start, (cause: unknown) => {
    log.log('error', 'start failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    app.quit();
  });
  // The hidden phone window and the tray keep the app alive; quitting is always explicit.
  app.on('window-all-closed', () => {
    if (quitting) app.quit();
  });
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    watchdog?.stop();
    updater?.stop();
    void services?.stop();
    void sipServers?.stop();
    void hub?.stop();
  });
}
