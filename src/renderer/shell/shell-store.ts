import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DialRequest, PhoneWindowState, ShellSettings, ShortcutStatus, UpdateState } from '../../shared/contracts/shell-contract';

/** A tel:/sip: link from outside waiting for the agent's yes or no. */
export interface DialPrompt {
  request: DialRequest;
  /** Dials; `dontAskAgain` turns the question off for later links (the setting `confirmDialLinks`). */
  confirm(dontAskAgain: boolean): void;
  cancel(): void;
}

/**
 * What the UI knows of the desktop shell. `present` stays false under the web host, and every
 * shell-driven part of the UI (update indicator, phone-window banner) then shows nothing.
 */
export interface ShellState {
  present: boolean;
  update: UpdateState | null;
  phone: PhoneWindowState | null;
  shortcuts: ShortcutStatus[];
  settings: ShellSettings | null;
  dialPrompt: DialPrompt | null;
}

export interface ShellStore extends ShellState {
  patch(next: Partial<ShellState>): void;
}

export function createShellStore(): StoreApi<ShellStore> {
  return createStore<ShellStore>()((set) => ({
    present: false,
    update: null,
    phone: null,
    shortcuts: [],
    settings: null,
    dialPrompt: null,
    patch: (next) => set(next),
  }));
}

/** The app's one shell store; tests make their own with `createShellStore`. */
export const shellStore = createShellStore();

export function useShellStore<T>(selector: (state: ShellStore) => T): T {
  return useStore(shellStore, selector);
}
