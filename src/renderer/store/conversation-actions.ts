import type { TransferTarget } from '../../shared/protocol/hub-protocol';
import { rpc } from '../rpc/connect';
import { useAppStore } from './app-store';
import { report } from './report';

const state = () => useAppStore.getState();

export async function retryMessage(conversationId: string, key: string): Promise<boolean> {
  return report(await rpc.workspace.retryMessage({ conversationId, key }));
}

/** A reply the customer's channel did not take: the hub tries again, and the message shows how that goes. */
export async function redeliverMessage(messageId: string): Promise<boolean> {
  return report(await rpc.workspace.redeliverMessage({ messageId }));
}

/** Tells the customer "agent is typing" at most every few seconds, and once when the agent stops. */
const TYPING_REPEAT_MS = 3_000;
const typingSentAt = new Map<string, number>();

export function agentTyping(conversationId: string, typing: boolean): void {
  const last = typingSentAt.get(conversationId);
  if (typing && last !== undefined && Date.now() - last < TYPING_REPEAT_MS) return;
  if (!typing && last === undefined) return;
  if (typing) typingSentAt.set(conversationId, Date.now());
  else typingSentAt.delete(conversationId);
  // Typing is a courtesy: a failure here is not worth the agent's attention.
  void rpc.workspace.setTyping({ conversationId, typing });
}

export async function loadDirectory(): Promise<void> {
  // Many messages may ask at once (author names); one request serves them all.
  if (state().directory?.status === 'loading') return;
  state().setDirectory({ status: 'loading' });
  const result = await rpc.workspace.directory({});
  state().setDirectory(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error });
}

export async function transferConversation(conversationId: string, target: TransferTarget, note: string): Promise<boolean> {
  const ok = report(await rpc.workspace.transfer({ conversationId, target, note }));
  if (ok && state().selectedId === conversationId) state().select(null);
  return ok;
}

/** Records the disposition (through the outbox) and closes; the hub then starts after-call work. */
export async function closeConversation(conversationId: string, disposition: string, note: string): Promise<boolean> {
  return report(await rpc.workspace.close({ conversationId, disposition, note }));
}
