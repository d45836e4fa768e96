import type { supervisorContract } from '../../shared/contracts/supervisor-contract';
import type { CallTarget, SupervisionMode } from '../../shared/protocol/supervisor-protocol';
import type { ContractClient } from '../../shared/rpc/contract';
import type { Result } from '../../shared/result';
import { useSupervisorStore } from './supervisor-store';

export type SupervisorClient = ContractClient<typeof supervisorContract>;

const state = () => useSupervisorStore.getState();

/** Keeps failures on screen instead of throwing; returns the value or null. */
function settle<T>(result: Result<T>): T | null {
  if (result.ok) {
    state().setError(null);
    return result.value;
  }
  state().setError(result.error);
  return null;
}

/** Binds the host's pushes to the store and opens the link; returns the unbind function. */
export function bindSupervisor(client: SupervisorClient): () => void {
  const offs = [
    client.on('link', (link) => state().setLink(link)),
    client.on('wallboard', (w) => state().setWallboard(w)),
    client.on('alert', (a) => state().upsertAlert(a)),
    client.on('session', (s) => state().upsertSession(s)),
    client.on('chatMessage', (m) => state().chatMessage(m)),
    client.on('chatConversation', (c) => state().chatConversation(c)),
  ];
  void connect(client);
  return () => offs.forEach((off) => off());
}

export async function connect(client: SupervisorClient): Promise<void> {
  const result = await client.connect({});
  if (result.ok) {
    state().setLink(result.value.link);
    state().setSnapshot(result.value);
  }
  settle(result);
  const snapshot = await client.snapshot({});
  if (snapshot.ok) state().setLink(snapshot.value.link);
}

export async function acknowledge(client: SupervisorClient, alertId: string): Promise<void> {
  const alert = settle(await client.acknowledgeAlert({ alertId }));
  if (alert) state().upsertAlert(alert);
}

/** Opens a contact: a chat in the monitor; a call starts listening in monitor mode. */
export async function openContact(client: SupervisorClient, conversationId: string, channel: string | null): Promise<void> {
  if (channel === 'voice') return startMonitoring(client, { kind: 'conversation', conversationId }, 'monitor');
  const current = state().chat;
  if (current && current.conversation.id !== conversationId) await client.closeChat({ conversationId: current.conversation.id });
  const transcript = settle(await client.openChat({ conversationId }));
  if (transcript) state().openChat(transcript);
}

export async function closeChat(client: SupervisorClient): Promise<void> {
  const current = state().chat;
  state().closeChat();
  if (current) settle(await client.closeChat({ conversationId: current.conversation.id }));
}

export async function whisper(client: SupervisorClient, conversationId: string, text: string): Promise<boolean> {
  return settle(await client.whisper({ conversationId, text })) !== null;
}

export async function takeOver(client: SupervisorClient, conversationId: string): Promise<void> {
  const taken = settle(await client.takeOver({ conversationId }));
  if (taken) {
    state().chatConversation(taken.conversation);
    state().setTakenOver(true);
  }
}

export async function startMonitoring(client: SupervisorClient, target: CallTarget, mode: SupervisionMode): Promise<void> {
  const session = settle(await client.startMonitoring({ target, mode }));
  if (session) {
    state().upsertSession(session);
    state().setTab('monitor');
  }
}

/** The radio moves at once (a controlled input would jump back while the hub answers); a refusal puts it back. */
export async function setMode(client: SupervisorClient, sessionId: string, mode: SupervisionMode): Promise<void> {
  const before = state().sessions.find((s) => s.id === sessionId);
  if (before) state().upsertSession({ ...before, mode });
  const session = settle(await client.setMode({ sessionId, mode }));
  if (session) state().upsertSession(session);
  else if (before && state().sessions.some((s) => s.id === sessionId)) state().upsertSession(before);
}

export async function endMonitoring(client: SupervisorClient, sessionId: string): Promise<void> {
  const session = settle(await client.endMonitoring({ sessionId }));
  if (session) state().upsertSession(session);
}
