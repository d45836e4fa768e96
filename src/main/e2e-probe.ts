import type { DialRequest } from '../shared/contracts/shell-contract';
import type { DialUriProblem } from '../shared/dial-uri';
import type { TrayModel } from './tray-menu-model';

/**
 * What the Electron end-to-end specs (tests/e2e-electron) read from the main process: the OS
 * tray and native notifications cannot be driven by Playwright, so main records what it drew
 * and lets a spec click a notification. Present only when SWITCHBOARD_E2E=1; otherwise every
 * call is a no-op and nothing is put on globalThis.
 */
export interface E2eProbe {
  tray(model: TrayModel): void;
  notification(title: string, body: string, click: () => void): void;
  dial(request: DialRequest): void;
  dialRefused(problem: DialUriProblem): void;
}

export interface E2eRecord {
  tray: TrayModel | null;
  notifications: Array<{ title: string; body: string; click: () => void }>;
  dials: DialRequest[];
  refused: DialUriProblem[];
}

declare global {
  var __switchboardE2E: E2eRecord | undefined;
}

export function createE2eProbe(enabled: boolean): E2eProbe {
  if (!enabled) return { tray: () => {}, notification: () => {}, dial: () => {}, dialRefused: () => {} };
  const record: E2eRecord = { tray: null, notifications: [], dials: [], refused: [] };
  globalThis.__switchboardE2E = record;
  return {
    tray: (model) => void (record.tray = model),
    notification: (title, body, click) => void record.notifications.push({ title, body, click }),
    dial: (request) => void record.dials.push(request),
    dialRefused: (problem) => void record.refused.push(problem),
  };
}
