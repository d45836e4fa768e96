import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { shellContract, type DialRequest, type ShellStatus, type UpdateState } from '../../shared/contracts/shell-contract';
import { parseDialUri, type DialTarget } from '../../shared/dial-uri';
import type { AgentProfile } from '../../shared/domain/agent';
import type { Conversation } from '../../shared/domain/conversation';
import { createMemoryLogger } from '../../shared/log';
import { err, ok, type Result } from '../../shared/result';
import type { ContractImpl, MethodInput } from '../../shared/rpc/contract';
import { createPortPair } from '../../shared/rpc/port';
import { createRpcClient } from '../../shared/rpc/rpc-client';
import { createRpcServer } from '../../shared/rpc/rpc-server';
import en from '../i18n/locales/en.json';
import zhTW from '../i18n/locales/zh-TW.json';
import { notifyContact } from '../lib/desktop-notification';
import type { AppStore } from '../store/app-store';
import { createInboxSlice } from '../store/inbox-slice';
import { createSessionSlice } from '../store/session-slice';
import { createUiSlice } from '../store/ui-slice';
import { prefsSchema } from '../lib/prefs';
import { createPhoneSlice } from '../store/phone-slice';
import { createWorkSlice } from '../store/work-slice';
import { createShellBridge, type PhoneSnapshot, type ShellBridge, type ShellPhone } from './shell-bridge';
import { createShellStore } from './shell-store';

const agent: AgentProfile = {
  id: 'a1',
  username: 'lin',
  displayName: '林美玲',
  role: 'agent',
  skills: [],
  queues: ['general'],
  capacity: 3,
  state: 'available',
  stateReason: null,
};

const update: UpdateState = { status: 'idle', currentVersion: '1.2.0', channel: 'stable' };

const status: ShellStatus = {
  appVersion: '1.2.0',
  platform: 'linux',
  update,
  phone: { status: 'running', restarts: 0, lastCrash: null },
  shortcuts: [],
  settings: {
    hubUrl: null,
    updates: { feedUrl: 'https://updates.example.com/desktop', channel: 'stable', autoCheck: true },
    shortcuts: { answer: 'CommandOrControl+Alt+A', hangUp: null, mute: null },
    launchAtLogin: false,
    closeToTray: true,
    notifications: true,
    confirmDialLinks: true,
  },
};

function dialRequest(id: string, link: string): DialRequest {
  const parsed = parseDialUri(link);
  if (!parsed.ok) throw new Error(`fixture link refused: ${parsed.problem}`);
  return { id, target: parsed.target, receivedAt: 1 };
}

type Calls = { [K in keyof typeof shellContract.methods]: Array<MethodInput<typeof shellContract, K>> };

/** A shell served over the real typed RPC and an in-memory port pair; it records what the UI asked. */
function fakeShell(options: { serve: boolean; waiting?: DialRequest[] }) {
  const server = createRpcServer(createMemoryLogger());
  const calls: Calls = {
    status: [],
    updateSettings: [],
    syncState: [],
    reportPhone: [],
    notify: [],
    checkForUpdates: [],
    restartToUpdate: [],
    takeDialRequests: [],
  };
  const impl: ContractImpl<typeof shellContract> = {
    status: async (input) => (calls.status.push(input), ok(status)),
    updateSettings: async (input) => (calls.updateSettings.push(input), ok(status.settings)),
    syncState: async (input) => (calls.syncState.push(input), ok({})),
    reportPhone: async (input) => (calls.reportPhone.push(input), ok({})),
    notify: async (input) => (calls.notify.push(input), ok({ shown: true })),
    checkForUpdates: async (input) => (calls.checkForUpdates.push(input), ok(update)),
    restartToUpdate: async (input) => (calls.restartToUpdate.push(input), ok(update)),
    takeDialRequests: async (input) => (calls.takeDialRequests.push(input), ok(options.waiting ?? [])),
  };
  // The web host serves other contracts but not this one: every shell call answers unknown_method.
  const emit = options.serve ? server.register(shellContract, impl) : null;
  const [serverPort, clientPort] = createPortPair();
  server.attach(serverPort);
  const client = createRpcClient(clientPort, { timeoutMs: 5_000 }).proxy(shellContract);
  return { client, calls, emit: emit ?? (() => {}) };
}

function fakePhone() {
  const listeners = new Set<(s: PhoneSnapshot) => void>();
  const dialled: DialTarget[] = [];
  const pressed: string[] = [];
  let failDial: Error | null = null;
  const phone: ShellPhone = {
    dial: async (target) => {
      if (failDial) throw failDial;
      dialled.push(target);
    },
    answer: async () => void pressed.push('answer'),
    hangUp: async () => void pressed.push('hangUp'),
    toggleMute: async () => void pressed.push('mute'),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    phone,
    dialled,
    pressed,
    report: (s: PhoneSnapshot) => listeners.forEach((l) => l(s)),
    failDialWith: (e: Error) => (failDial = e),
    listenerCount: () => listeners.size,
  };
}

function appStore() {
  return createStore<AppStore>()((...a) => ({
    ...createSessionSlice(...a),
    ...createInboxSlice(...a),
    ...createUiSlice('en', { ...prefsSchema.parse({}), sounds: false })(...a),
    ...createWorkSlice(...a),
    ...createPhoneSlice(...a),
  }));
}

const bridges: ShellBridge[] = [];

async function setup(options: { serve?: boolean; waiting?: DialRequest[]; setState?: Result<Record<string, never>> } = {}) {
  const shell = fakeShell({ serve: options.serve ?? true, waiting: options.waiting });
  const phone = fakePhone();
  const app = appStore();
  const shellStore = createShellStore();
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, 'zh-TW': { translation: zhTW } }, lng: 'en', fallbackLng: 'en' });
  const setStates: unknown[] = [];
  const opened: string[] = [];
  const focusedOffers: string[] = [];
  const warnings: string[] = [];
  const bridge = await createShellBridge({
    shell: shell.client,
    workspace: {
      setState: async (input) => {
        setStates.push(input);
        return options.setState ?? ok({});
      },
    },
    phone: phone.phone,
    app,
    shellStore,
    openConversation: async (id) => void opened.push(id),
    focusOffer: (id) => void focusedOffers.push(id),
    t: (key, vars) => i18n.t(key, vars ?? {}),
    warn: (message) => void warnings.push(message),
  });
  bridges.push(bridge);
  return { bridge, shell, phone, app, shellStore, i18n, setStates, opened, focusedOffers, warnings };
}

afterEach(() => bridges.splice(0).forEach((b) => b.stop()));

describe('shell bridge', () => {
  it('under the web host it turns itself off quietly after one unknown_method', async () => {
    const { bridge, shell, phone, app, shellStore, warnings } = await setup({ serve: false });
    expect(bridge.present).toBe(false);
    expect(shellStore.getState().present).toBe(false);
    expect(app.getState().lastError).toBeNull();
    expect(warnings).toEqual([]);
    expect(phone.listenerCount()).toBe(0);
    // Nothing else is asked of a shell that is not there, whatever the UI does next.
    app.getState().setAgent(agent);
    phone.report({ registered: true, activeCalls: 1 });
    await vi.waitFor(() => expect(app.getState().agent).not.toBeNull());
    expect(shell.calls.syncState).toEqual([]);
  });

  it('tells the shell the language, sign-in, agent state and name, each time one changes', async () => {
    const { shell, app } = await setup();
    await vi.waitFor(() => expect(shell.calls.syncState).toHaveLength(1));
    expect(shell.calls.syncState[0]).toEqual({ language: 'en', signedIn: false, agentState: null, displayName: null });

    app.getState().setAgent(agent);
    app.getState().setLanguage('zh-TW');
    app.getState().setAgent({ ...agent, state: 'away' });
    // A change the shell does not care about sends nothing.
    app.getState().setFilter({ channel: 'voice' });
    await vi.waitFor(() => expect(shell.calls.syncState).toHaveLength(4));
    expect(shell.calls.syncState.slice(1)).toEqual([
      { language: 'en', signedIn: true, agentState: 'available', displayName: '林美玲' },
      { language: 'zh-TW', signedIn: true, agentState: 'available', displayName: '林美玲' },
      { language: 'zh-TW', signedIn: true, agentState: 'away', displayName: '林美玲' },
    ]);
    app.getState().setAgent(null);
    await vi.waitFor(() => expect(shell.calls.syncState.at(-1)).toEqual({ language: 'zh-TW', signedIn: false, agentState: null, displayName: null }));
  });

  it('reports the phone registration and live call count when they change', async () => {
    const { shell, phone } = await setup();
    phone.report({ registered: true, activeCalls: 0 });
    phone.report({ registered: true, activeCalls: 0 });
    phone.report({ registered: true, activeCalls: 1 });
    phone.report({ registered: false, activeCalls: 0 });
    await vi.waitFor(() => expect(shell.calls.reportPhone).toHaveLength(3));
    expect(shell.calls.reportPhone).toEqual([
      { registered: true, activeCalls: 0 },
      { registered: true, activeCalls: 1 },
      { registered: false, activeCalls: 0 },
    ]);
  });

  it('asks before dialling the newest link that waited for the window, then each link the shell sends', async () => {
    const older = dialRequest('d1', 'tel:+1-555-0100');
    const newest = dialRequest('d2', 'tel:+44-20-7946-0958');
    const { shell, phone, shellStore } = await setup({ waiting: [older, newest] });
    expect(shell.calls.takeDialRequests).toHaveLength(1);
    await vi.waitFor(() => expect(shellStore.getState().dialPrompt?.request).toEqual(newest));
    expect(phone.dialled).toEqual([]);
    shellStore.getState().dialPrompt?.confirm(false);
    await vi.waitFor(() => expect(phone.dialled).toEqual([newest.target]));
    expect(shellStore.getState().dialPrompt).toBeNull();

    const sip = dialRequest('d3', 'sip:alice@example.com');
    shell.emit('dial', sip);
    await vi.waitFor(() => expect(shellStore.getState().dialPrompt?.request).toEqual(sip));
    shellStore.getState().dialPrompt?.cancel();
    expect(shellStore.getState().dialPrompt).toBeNull();
    expect(phone.dialled).toEqual([newest.target]);
  });

  it('dials at once once the agent said "don\'t ask again", and never while a call is going on', async () => {
    const { shell, phone, shellStore, app } = await setup();
    shell.emit('dial', dialRequest('d1', 'tel:100'));
    await vi.waitFor(() => expect(shellStore.getState().dialPrompt).not.toBeNull());
    shellStore.getState().dialPrompt?.confirm(true);
    await vi.waitFor(() => expect(shell.calls.updateSettings).toEqual([{ confirmDialLinks: false }]));
    await vi.waitFor(() => expect(phone.dialled).toHaveLength(1));
    shellStore.getState().patch({ settings: { ...status.settings, confirmDialLinks: false } });
    shell.emit('dial', dialRequest('d2', 'tel:101'));
    await vi.waitFor(() => expect(phone.dialled).toHaveLength(2));

    phone.report({ registered: true, activeCalls: 1 });
    shell.emit('dial', dialRequest('d3', 'tel:102'));
    await vi.waitFor(() => expect(app.getState().lastError?.message).toMatch(/current call/));
    expect(phone.dialled).toHaveLength(2);
  });

  it('shows a refused link as a translated error and dials nothing', async () => {
    const { shell, phone, app, i18n } = await setup();
    await i18n.changeLanguage('zh-TW');
    shell.emit('dialRefused', { problem: 'credentials_in_link', message: 'The link contains a password, so it was not dialled.' });
    await vi.waitFor(() => expect(app.getState().lastError).toEqual({ code: 'invalid_argument', message: '您點擊的連結中包含密碼，因此未撥打。' }));
    expect(phone.dialled).toEqual([]);
  });

  it('a dial the phone cannot place ends in the error bar, not an unhandled rejection', async () => {
    const { shell, phone, app, shellStore } = await setup();
    phone.failDialWith(new Error('the phone is not registered'));
    shell.emit('dial', dialRequest('d1', 'tel:100'));
    await vi.waitFor(() => expect(shellStore.getState().dialPrompt).not.toBeNull());
    shellStore.getState().dialPrompt?.confirm(false);
    await vi.waitFor(() => expect(app.getState().lastError).toEqual({ code: 'unavailable', message: 'the phone is not registered' }));
  });

  it('global shortcuts answer, hang up and mute', async () => {
    const { shell, phone } = await setup();
    shell.emit('shortcut', { action: 'answer' });
    shell.emit('shortcut', { action: 'mute' });
    shell.emit('shortcut', { action: 'hangUp' });
    await vi.waitFor(() => expect(phone.pressed).toEqual(['answer', 'mute', 'hangUp']));
  });

  it('a state picked in the tray is set through the workspace, and a refusal is shown', async () => {
    const { shell, setStates } = await setup();
    shell.emit('agentStateRequested', { state: 'away' });
    await vi.waitFor(() => expect(setStates).toEqual([{ state: 'away', reason: null }]));

    const refused = await setup({ setState: err('conflict', 'after-call work needs a disposition') });
    refused.shell.emit('agentStateRequested', { state: 'available' });
    await vi.waitFor(() => expect(refused.app.getState().lastError?.code).toBe('conflict'));
  });

  it('a notification click focuses the pending offer, or opens the conversation once the offer is gone', async () => {
    const { shell, app, focusedOffers, opened } = await setup();
    app.getState().addOffer({ id: 'o1', conversationId: 'c1', channel: 'widget', queue: 'general', customerName: '王小明', preview: '你好', expiresAt: Date.now() + 30_000 });
    shell.emit('focusContact', { conversationId: 'c1', offerId: 'o1' });
    await vi.waitFor(() => expect(focusedOffers).toEqual(['o1']));
    expect(opened).toEqual([]);

    app.getState().removeOffer('o1');
    // In the inbox window the list holds.
    const c1: Conversation = {
      id: 'c1',
      customerId: 'u1',
      channel: 'widget',
      status: 'active',
      queue: 'general',
      assigneeId: 'a1',
      priority: 0,
      tags: [],
      createdAt: 1,
      updatedAt: 1,
      lastMessageAt: null,
      preview: '你好',
    };
    app.getState().showInboxPage({ conversations: [c1], customers: [], meta: [], start: 0, total: 1 }, app.getState().inbox.generation);
    shell.emit('focusContact', { conversationId: 'c1', offerId: 'o1' });
    // A contact this window does not know is left alone.
    shell.emit('focusContact', { conversationId: 'c404', offerId: null });
    await vi.waitFor(() => expect(opened).toEqual(['c1']));
    expect(focusedOffers).toEqual(['o1']);
  });

  it('keeps the update and phone-window state for the UI, starting from the status', async () => {
    const { shell, shellStore } = await setup();
    expect(shellStore.getState()).toMatchObject({ present: true, update, phone: status.phone, settings: status.settings });
    shell.emit('update', { status: 'downloading', currentVersion: '1.2.0', channel: 'stable', version: '1.3.0', transferred: 10, total: 100 });
    shell.emit('phone', { status: 'restarting', restarts: 1, lastCrash: { reason: 'crashed', exitCode: 139, at: 5 } });
    await vi.waitFor(() => expect(shellStore.getState().phone?.status).toBe('restarting'));
    expect(shellStore.getState().update).toMatchObject({ status: 'downloading', transferred: 10, total: 100 });
  });

  it('sends offer and alert notifications through the shell while it runs, and stops when the bridge stops', async () => {
    const { bridge, shell, phone } = await setup();
    notifyContact({ kind: 'offer', subject: '王小明', preview: '我的订单没到', conversationId: 'c1', offerId: 'o1', title: 'New chat from 王小明', tag: 'o1' });
    notifyContact({ kind: 'sentiment_alert', subject: '王小明', preview: 'x'.repeat(600), conversationId: 'c1', offerId: null, title: 'Upset', tag: 'al1' });
    await vi.waitFor(() => expect(shell.calls.notify).toHaveLength(2));
    expect(shell.calls.notify[0]).toEqual({ kind: 'offer', subject: '王小明', preview: '我的订单没到', conversationId: 'c1', offerId: 'o1' });
    expect(shell.calls.notify[1]?.preview).toHaveLength(500);

    bridge.stop();
    notifyContact({ kind: 'offer', subject: '王小明', preview: '还在吗', conversationId: 'c1', offerId: 'o2', title: 'New chat', tag: 'o2' });
    phone.report({ registered: true, activeCalls: 1 });
    shell.emit('shortcut', { action: 'answer' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shell.calls.notify).toHaveLength(2);
    expect(shell.calls.reportPhone).toEqual([]);
    expect(phone.pressed).toEqual([]);
  });
});
