import type { SettingsStore } from '../host/settings/settings-store';
import type { UpdateController } from '../host/updater/update-controller';
import {
  shellContract,
  type NotificationKind,
  type PhoneWindowState,
  type ShellLanguage,
  type ShellSettings,
} from '../shared/contracts/shell-contract';
import type { AgentState } from '../shared/domain/agent';
import { ok } from '../shared/result';
import type { ContractEmitter, ContractImpl } from '../shared/rpc/contract';
import type { RpcServer } from '../shared/rpc/rpc-server';
import type { DialInbox } from './dial-inbox';
import type { ShortcutRegistry } from './shortcut-registry';

/** What the UI and the phone engine last told the shell; the tray, closing and updates depend on it. */
export interface ShellView {
  language: ShellLanguage;
  signedIn: boolean;
  agentState: AgentState | null;
  displayName: string | null;
  phoneRegistered: boolean;
  activeCalls: number;
}

export interface NotificationRequest {
  kind: NotificationKind;
  subject: string;
  preview: string;
  conversationId: string | null;
  offerId: string | null;
}

export interface ShellServiceDeps {
  appVersion: string;
  platform: string;
  settings: SettingsStore;
  updater: UpdateController;
  shortcuts: ShortcutRegistry;
  phoneState(): PhoneWindowState;
  dialInbox: DialInbox;
  view: ShellView;
  /** The view changed: redraw the tray. */
  viewChanged(): void;
  /** Shows a native notification if policy allows; returns whether it did. */
  notify(request: NotificationRequest): boolean;
  setLaunchAtLogin(enabled: boolean): void;
}

/**
 * Serves the shell contract and keeps the parts of the shell in step with settings: a new
 * feed or channel re-checks for updates, new shortcuts are registered (conflicts reported),
 * launch-at-login follows its switch.
 */
export function registerShellService(server: RpcServer, deps: ShellServiceDeps): ContractEmitter<typeof shellContract> {
  let emit: ContractEmitter<typeof shellContract> | null = null;

  const applySettings = (previous: ShellSettings, next: ShellSettings): void => {
    if (previous.updates.feedUrl !== next.updates.feedUrl || previous.updates.channel !== next.updates.channel) deps.updater.settingsChanged();
    if (JSON.stringify(previous.shortcuts) !== JSON.stringify(next.shortcuts)) emit?.('shortcuts', deps.shortcuts.apply(next.shortcuts));
    if (previous.launchAtLogin !== next.launchAtLogin) deps.setLaunchAtLogin(next.launchAtLogin);
    emit?.('settings', next);
  };

  const impl: ContractImpl<typeof shellContract> = {
    status: async () =>
      ok({
        appVersion: deps.appVersion,
        platform: deps.platform,
        update: deps.updater.state,
        phone: deps.phoneState(),
        shortcuts: deps.shortcuts.statuses(),
        settings: deps.settings.get(),
      }),
    updateSettings: async (patch) => {
      const previous = deps.settings.get();
      const next = deps.settings.update(patch);
      applySettings(previous, next);
      return ok(next);
    },
    syncState: async (input) => {
      Object.assign(deps.view, input);
      deps.viewChanged();
      return ok({});
    },
    reportPhone: async ({ registered, activeCalls }) => {
      const callsChanged = deps.view.activeCalls !== activeCalls;
      deps.view.phoneRegistered = registered;
      deps.view.activeCalls = activeCalls;
      deps.viewChanged();
      if (callsChanged) deps.updater.callsChanged();
      return ok({});
    },
    notify: async (request) => ok({ shown: deps.notify(request) }),
    checkForUpdates: async () => ok(await deps.updater.check()),
    restartToUpdate: async () => ok(await deps.updater.restartToUpdate()),
    takeDialRequests: async () => ok(deps.dialInbox.take()),
  };

  emit = server.register(shellContract, impl);
  return emit;
}
