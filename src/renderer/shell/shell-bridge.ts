import type { StoreApi } from 'zustand/vanilla';
import type { DialRequest, ShellLanguage, ShortcutAction, shellContract } from '../../shared/contracts/shell-contract';
import type { workspaceContract } from '../../shared/contracts/workspace-contract';
import type { DialTarget } from '../../shared/dial-uri';
import type { AgentState } from '../../shared/domain/agent';
import type { AppError } from '../../shared/result';
import type { ContractClient } from '../../shared/rpc/contract';
import { routeNotificationsThroughShell } from '../lib/desktop-notification';
import type { AppStore } from '../store/app-store';
import type { ShellStore } from './shell-store';

/** What the phone tells the shell: the tray, close-to-tray and "restart to update" depend on it. */
export interface PhoneSnapshot {
  registered: boolean;
  activeCalls: number;
}

/** The phone, as the bridge needs it; the lead wires the real one (the bridge never imports it). */
export interface ShellPhone {
  dial(target: DialTarget): Promise<void>;
  answer(): Promise<void>;
  hangUp(): Promise<void>;
  toggleMute(): Promise<void>;
  subscribe(listener: (snapshot: PhoneSnapshot) => void): () => void;
}

export interface ShellBridgeDeps {
  shell: ContractClient<typeof shellContract>;
  workspace: Pick<ContractClient<typeof workspaceContract>, 'setState'>;
  phone: ShellPhone;
  /** The app's store: language and agent are read from it, errors and selection written to it. */
  app: Pick<StoreApi<AppStore>, 'getState' | 'subscribe'>;
  shellStore: StoreApi<ShellStore>;
  openConversation(conversationId: string): Promise<void>;
  /** Moves keyboard focus to a pending offer's toast (the agent clicked its notification). */
  focusOffer(offerId: string): void;
  t(key: string, options?: Record<string, unknown>): string;
  warn?(message: string): void;
}

export interface ShellBridge {
  /** False under the web host: the shell contract answered `unknown_method`, and the bridge did nothing. */
  readonly present: boolean;
  stop(): void;
}

const MAX_CALLS_REPORTED = 100;

interface SyncedState {
  language: ShellLanguage;
  signedIn: boolean;
  agentState: AgentState | null;
  displayName: string | null;
}

function syncedState(app: AppStore): SyncedState {
  return {
    language: app.language,
    signedIn: app.agent !== null,
    agentState: app.agent?.state ?? null,
    // The contract caps names at 100 characters; the tray has no room for more anyway.
    displayName: app.agent ? app.agent.displayName.slice(0, 100) : null,
  };
}

const sameSync = (a: SyncedState | null, b: SyncedState): boolean =>
  a !== null && a.language === b.language && a.signedIn === b.signedIn && a.agentState === b.agentState && a.displayName === b.displayName;

/**
 * Keeps the Electron shell in step with the UI (tray, notifications, "restart to update") and acts
 * on what the shell reports: global shortcuts, tray state changes, notification clicks, tel:/sip:
 * links, the phone window and updates. Under the web host the first call answers `unknown_method`
 * and the bridge stays off without a word. Meant for the main UI window only: the hidden phone
 * window must not sync state or take dial requests.
 */
export async function createShellBridge(deps: ShellBridgeDeps): Promise<ShellBridge> {
  const { shell, phone, app, shellStore, t } = deps;
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  let stopped = false;
  const cleanups: Array<() => void> = [];
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    cleanups.splice(0).forEach((off) => off());
  };

  const showError = (error: AppError): void => app.getState().setError(error);
  /** What the phone last said (calls going on); kept from the first subscription on. */
  let lastPhone: PhoneSnapshot | null = null;
  const failed = (cause: unknown): AppError => ({ code: 'unavailable', message: cause instanceof Error ? cause.message : String(cause) });
  const run = (work: () => Promise<void>): void => {
    work().catch((cause: unknown) => {
      if (!stopped) showError(failed(cause));
    });
  };

  /**
   * A link from outside (a web page, a mail, another program) never dials by itself: the agent sees the number
   * and says yes, unless they turned the question off; and never while a call is going on.
   */
  const dial = (request: DialRequest): void => {
    if ((lastPhone?.activeCalls ?? 0) > 0) return showError({ code: 'invalid_argument', message: t('dialPrompt.busy') });
    const go = (): void => run(() => phone.dial(request.target));
    if (shellStore.getState().settings?.confirmDialLinks === false) return go();
    const close = (): void => {
      if (shellStore.getState().dialPrompt?.request.id === request.id) shellStore.getState().patch({ dialPrompt: null });
    };
    shellStore.getState().patch({
      dialPrompt: {
        request,
        confirm(dontAskAgain) {
          close();
          if (dontAskAgain) {
            void shell.updateSettings({ confirmDialLinks: false }).then((result) => {
              if (result.ok) shellStore.getState().patch({ settings: result.value });
              else warn(`the dial-link setting could not be saved: ${result.error.code}`);
            });
          }
          if ((lastPhone?.activeCalls ?? 0) > 0) return showError({ code: 'invalid_argument', message: t('dialPrompt.busy') });
          go();
        },
        cancel: close,
      },
    });
  };
  const shortcut = (action: ShortcutAction): void => {
    switch (action) {
      case 'answer':
        return run(() => phone.answer());
      case 'hangUp':
        return run(() => phone.hangUp());
      case 'mute':
        return run(() => phone.toggleMute());
    }
  };
  const focusContact = (conversationId: string | null, offerId: string | null): void => {
    const state = app.getState();
    // A pending offer is answered from its toast; once taken, its conversation is what to show.
    if (offerId && state.offers[offerId]) return deps.focusOffer(offerId);
    if (conversationId && state.conversations[conversationId]) void deps.openConversation(conversationId);
  };

  // Listening before asking for the status: an event sent after the status answer is never missed,
  // and the web host sends no shell events at all.
  cleanups.push(
    shell.on('update', (update) => shellStore.getState().patch({ update })),
    shell.on('phone', (phoneWindow) => shellStore.getState().patch({ phone: phoneWindow })),
    shell.on('shortcuts', (shortcuts) => shellStore.getState().patch({ shortcuts })),
    shell.on('settings', (settings) => shellStore.getState().patch({ settings })),
    shell.on('shortcut', ({ action }) => shortcut(action)),
    shell.on('agentStateRequested', ({ state }) =>
      run(async () => {
        const result = await deps.workspace.setState({ state, reason: null });
        if (!result.ok) showError(result.error);
      }),
    ),
    shell.on('focusContact', ({ conversationId, offerId }) => focusContact(conversationId, offerId)),
    shell.on('dial', dial),
    shell.on('dialRefused', ({ problem }) => showError({ code: 'invalid_argument', message: t(`dialRefused.${problem}`) })),
  );

  const status = await shell.status({});
  if (!status.ok) {
    stop();
    if (status.error.code !== 'unknown_method') warn(`desktop shell unavailable: ${status.error.code}`);
    return { present: false, stop };
  }
  const { update, phone: phoneWindow, shortcuts, settings } = status.value;
  shellStore.getState().patch({ present: true, update, phone: phoneWindow, shortcuts, settings });
  cleanups.push(() => shellStore.getState().patch({ present: false }));

  routeNotificationsThroughShell((notice) => {
    void shell
      .notify({
        kind: notice.kind,
        subject: notice.subject.slice(0, 100),
        preview: notice.preview.slice(0, 500),
        conversationId: notice.conversationId,
        offerId: notice.offerId,
      })
      .then((result) => {
        if (!result.ok) warn(`desktop notification failed: ${result.error.code}`);
      });
  });
  cleanups.push(() => routeNotificationsThroughShell(null));

  let lastSync: SyncedState | null = null;
  const sync = (state: AppStore): void => {
    const next = syncedState(state);
    if (sameSync(lastSync, next)) return;
    lastSync = next;
    void shell.syncState(next).then((result) => {
      if (!result.ok) warn(`desktop shell refused the agent state: ${result.error.code}`);
    });
  };
  sync(app.getState());
  cleanups.push(app.subscribe((state) => sync(state)));

  cleanups.push(
    phone.subscribe(({ registered, activeCalls }) => {
      const next = { registered, activeCalls: Math.min(MAX_CALLS_REPORTED, Math.max(0, Math.floor(activeCalls))) };
      if (lastPhone && lastPhone.registered === next.registered && lastPhone.activeCalls === next.activeCalls) return;
      lastPhone = next;
      void shell.reportPhone(next).then((result) => {
        if (!result.ok) warn(`desktop shell refused the phone state: ${result.error.code}`);
      });
    }),
  );

  // Links clicked before this window listened (the app may have been started by one). Only the
  // newest is dialled: several calls started at once would be nobody's intent.
  const waiting = await shell.takeDialRequests({});
  if (stopped) return { present: true, stop };
  if (waiting.ok) {
    const newest = waiting.value.at(-1);
    if (newest) dial(newest);
  } else warn(`dial requests could not be taken: ${waiting.error.code}`);

  return { present: true, stop };
}
