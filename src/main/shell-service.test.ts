import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettingsStore } from '../host/settings/settings-store';
import { createFeedUpdateSource } from '../host/updater/feed-update-source';
import { createUpdateController } from '../host/updater/update-controller';
import { shellContract, type DialRequest, type ShortcutStatus } from '../shared/contracts/shell-contract';
import { createMemoryLogger } from '../shared/log';
import { createRpcClient } from '../shared/rpc/rpc-client';
import { createPortPair } from '../shared/rpc/port';
import { createRpcServer } from '../shared/rpc/rpc-server';
import { createDialInbox } from './dial-inbox';
import { registerShellService, type NotificationRequest, type ShellView } from './shell-service';
import { createShortcutRegistry } from './shortcut-registry';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-shell-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The shell contract over in-memory RPC, with real settings, updater and registries and stand-ins for Electron. */
function rig(options: { focused?: boolean; heldElsewhere?: string[] } = {}) {
  const log = createMemoryLogger();
  const settings = openSettingsStore(dir, log);
  const updater = createUpdateController({
    currentVersion: '1.0.0',
    source: createFeedUpdateSource({
      platform: 'linux',
      arch: 'x64',
      installKind: 'appimage',
      cacheDir: join(dir, 'updates'),
      install: async () => ({ ok: true, value: undefined }),
    }),
    settings: () => settings.get().updates,
    activeCalls: () => view.activeCalls,
    log,
  });
  const held = new Set<string>();
  const shortcuts = createShortcutRegistry(
    {
      register: (a) => !(options.heldElsewhere ?? []).includes(a) && !held.has(a) && Boolean(held.add(a)),
      unregister: (a) => void held.delete(a),
    },
    () => {},
  );
  shortcuts.apply(settings.get().shortcuts);
  const view: ShellView = { language: 'en', signedIn: false, agentState: null, displayName: null, phoneRegistered: false, activeCalls: 0 };
  const notified: NotificationRequest[] = [];
  const launchAtLogin: boolean[] = [];
  let viewChanges = 0;
  const server = createRpcServer(log);
  const emit = registerShellService(server, {
    appVersion: '1.0.0',
    platform: 'linux',
    settings,
    updater,
    shortcuts,
    phoneState: () => ({ status: 'running', restarts: 0, lastCrash: null }),
    dialInbox: createDialInbox({ dial: (r) => emit('dial', r), refuse: (problem, message) => emit('dialRefused', { problem, message }), log }),
    view,
    viewChanged: () => void viewChanges++,
    notify: (request) => {
      if (options.focused) return false;
      notified.push(request);
      return true;
    },
    setLaunchAtLogin: (enabled) => launchAtLogin.push(enabled),
  });
  const [serverPort, clientPort] = createPortPair();
  server.attach(serverPort);
  const shell = createRpcClient(clientPort).proxy(shellContract);
  return { shell, view, notified, launchAtLogin, held, emit, viewChanges: () => viewChanges };
}

describe('shell contract service', () => {
  it('reports status: version, updates off without a feed, phone and shortcuts', async () => {
    const { shell } = rig();
    const status = await shell.status({});
    expect(status.ok && status.value).toMatchObject({
      appVersion: '1.0.0',
      update: { status: 'disabled' },
      phone: { status: 'running' },
      shortcuts: [{ action: 'answer', registered: true }, { action: 'hangUp', registered: true }, { action: 'mute', registered: true }],
    });
  });

  it('registers changed shortcuts and tells the UI about a conflict', async () => {
    const { shell, held } = rig({ heldElsewhere: ['F8'] });
    const heard: ShortcutStatus[][] = [];
    shell.on('shortcuts', (s) => heard.push(s));
    const result = await shell.updateSettings({ shortcuts: { mute: 'F8' } });
    expect(result.ok && result.value.shortcuts.mute).toBe('F8');
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]!.find((s) => s.action === 'mute')).toEqual({ action: 'mute', accelerator: 'F8', registered: false, problem: 'conflict' });
    expect(held.has('CommandOrControl+Alt+M')).toBe(false);
  });

  it('refuses invalid settings at the boundary', async () => {
    const { shell } = rig();
    const result = await shell.updateSettings({ updates: { feedUrl: 'javascript:alert(1)' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('turns an update feed on and follows launch at login', async () => {
    const { shell, launchAtLogin } = rig();
    await shell.updateSettings({ updates: { feedUrl: 'http://127.0.0.1:9/feed', autoCheck: false }, launchAtLogin: true });
    const status = await shell.status({});
    expect(status.ok && status.value.update.status).toBe('idle');
    expect(launchAtLogin).toEqual([true]);
  });

  it('keeps the tray view in step with the UI and the phone', async () => {
    const { shell, view, viewChanges } = rig();
    await shell.syncState({ language: 'zh-TW', signedIn: true, agentState: 'available', displayName: 'Alice' });
    await shell.reportPhone({ registered: true, activeCalls: 1 });
    expect(view).toEqual({ language: 'zh-TW', signedIn: true, agentState: 'available', displayName: 'Alice', phoneRegistered: true, activeCalls: 1 });
    expect(viewChanges()).toBe(2);
    expect(await shell.reportPhone({ registered: true, activeCalls: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('shows notifications only when the shell decides to', async () => {
    const request = { kind: 'offer' as const, subject: 'Li Lei', preview: 'Where is my parcel?', conversationId: 'c1', offerId: 'o1' };
    const away = rig();
    expect(await away.shell.notify(request)).toEqual({ ok: true, value: { shown: true } });
    expect(away.notified).toEqual([request]);
    expect(await rig({ focused: true }).shell.notify(request)).toEqual({ ok: true, value: { shown: false } });
  });

  it('hands waiting dial requests to the UI, then sends new ones as events', async () => {
    const { shell, emit } = rig();
    const dials: DialRequest[] = [];
    shell.on('dial', (d) => dials.push(d));
    const taken = await shell.takeDialRequests({});
    expect(taken).toEqual({ ok: true, value: [] });
    emit('dial', { id: 'x', target: { kind: 'tel', number: '123', extension: null, display: '123' }, receivedAt: 1 });
    await expect.poll(() => dials.length).toBe(1);
  });
});
