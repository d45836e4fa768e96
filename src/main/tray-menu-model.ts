import { agentStates, type AgentState } from '../shared/domain/agent';
import type { Translate } from './i18n/translate';

/** What the tray shows, as the UI last reported it. */
export interface TrayView {
  signedIn: boolean;
  agentState: AgentState | null;
  displayName: string | null;
  phoneRegistered: boolean;
}

export type TrayAction = { kind: 'show' } | { kind: 'quit' } | { kind: 'set_state'; state: AgentState };

export type TrayMenuEntry =
  | { type: 'label'; label: string }
  | { type: 'separator' }
  | { type: 'radio'; label: string; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; entries: TrayMenuEntry[] }
  | { type: 'item'; label: string; action: TrayAction };

export interface TrayModel {
  /** Which icon: the agent's state, or signed out. */
  icon: AgentState | 'signed_out';
  tooltip: string;
  entries: TrayMenuEntry[];
}

/** The tray menu as data, so it can be tested in every language without Electron. */
export function buildTrayModel(view: TrayView, t: Translate): TrayModel {
  const signedIn = view.signedIn && view.agentState !== null;
  const stateLabel = signedIn && view.agentState ? t(`state.${view.agentState}`) : t('tray.signedOut');
  const entries: TrayMenuEntry[] = [];
  if (signedIn && view.agentState) {
    const current = view.agentState;
    entries.push({ type: 'label', label: `${view.displayName ?? ''} — ${stateLabel}`.replace(/^ — /, '') });
    entries.push({ type: 'label', label: view.phoneRegistered ? t('tray.phoneRegistered') : t('tray.phoneNotRegistered') });
    entries.push({ type: 'separator' });
    entries.push({
      type: 'submenu',
      label: t('tray.setState'),
      entries: agentStates.map((state) => ({
        type: 'radio' as const,
        label: t(`state.${state}`),
        checked: state === current,
        action: { kind: 'set_state' as const, state },
      })),
    });
  } else {
    entries.push({ type: 'label', label: t('tray.signedOut') });
  }
  entries.push({ type: 'separator' });
  entries.push({ type: 'item', label: t('tray.show'), action: { kind: 'show' } });
  entries.push({ type: 'item', label: t('tray.quit'), action: { kind: 'quit' } });
  return { icon: signedIn && view.agentState ? view.agentState : 'signed_out', tooltip: t('tray.tooltip', { state: stateLabel }), entries };
}
