import type { AgentState } from '../../shared/domain/agent';
import { applyTheme, savePrefs, type Prefs } from '../lib/prefs';
import { rpc } from '../rpc/connect';
import { useAppStore } from './app-store';
import { report } from './report';

const state = () => useAppStore.getState();

export const awayReasons = ['break', 'lunch', 'meeting', 'training', 'coaching'] as const;
export type AwayReason = (typeof awayReasons)[number];

/**
 * Written to the outbox first: online it reaches the hub at once and the hub's answer updates the
 * agent; offline it waits, and the selector says so instead of springing back to the old state.
 */
export async function setAgentState(next: AgentState, reason: AwayReason | null = null): Promise<boolean> {
  const done = report(await rpc.workspace.setState({ state: next, reason }));
  if (done && state().connection?.status !== 'online') state().setQueuedState({ state: next, reason });
  return done;
}

/**
 * Ends wrap-up early. The hub starts after-call work when a contact closes and ends it on its own
 * at `stateUntil`; it refuses `available` while a closed contact still lacks a disposition.
 */
export function finishAfterCallWork(): Promise<boolean> {
  return setAgentState('available');
}

/** Loads the hub's disposition codes once per sign-in; closing and wrap-up both need them. */
export async function loadDispositions(): Promise<void> {
  if (state().dispositions?.status === 'ready') return;
  state().setDispositions({ status: 'loading' });
  const result = await rpc.workspace.dispositions({});
  state().setDispositions(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error });
}

export function updatePrefs(patch: Partial<Prefs>): void {
  const prefs = { ...state().prefs, ...patch };
  savePrefs(prefs);
  applyTheme(prefs.theme);
  state().setPrefs(prefs);
}
