import i18next from 'i18next';
import type { Language } from '../i18n/i18n';
import { rpc } from '../rpc/connect';
import type { AppError, Result } from '../../shared/result';
import { useAppStore } from './app-store';

const state = () => useAppStore.getState();

function report<T>(result: Result<T>): result is { ok: true; value: T } {
  if (!result.ok) state().setError(result.error);
  return result.ok;
}

/** Wires host events into the store once, at start-up. */
export function bindHostEvents(): void {
  rpc.session.on('connection', (c) => {
    state().setConnection(c);
    if (c.status === 'signed_out') {
      state().setAgent(null);
      state().resetInbox();
    }
  });
  rpc.session.on('agent', (a) => state().setAgent(a));
  rpc.workspace.on('conversation', (c) => state().upsertConversation(c));
  rpc.workspace.on('customer', (c) => state().upsertCustomer(c));
  rpc.workspace.on('message', (m) => state().upsertMessage(m));
  rpc.workspace.on('offer', (o) => state().addOffer(o));
  rpc.workspace.on('offerRevoked', ({ offerId }) => state().removeOffer(offerId));
}

export async function refreshFromHost(): Promise<void> {
  const status = await rpc.session.status({});
  if (!status.ok) return;
  state().setConnection(status.value.connection);
  state().setAgent(status.value.agent);
  if (status.value.agent) {
    const inbox = await rpc.workspace.inbox({});
    if (inbox.ok) state().loadInbox(inbox.value);
  }
}

export async function login(username: string, password: string): Promise<AppError | null> {
  const result = await rpc.session.login({ username, password });
  if (!result.ok) return result.error;
  state().setAgent(result.value);
  state().setError(null);
  await refreshFromHost();
  return null;
}

export async function logout(): Promise<void> {
  await rpc.session.logout({});
  state().setAgent(null);
  state().resetInbox();
}

export async function openConversation(conversationId: string): Promise<void> {
  state().select(conversationId);
  const messages = await rpc.workspace.messages({ conversationId });
  if (report(messages)) state().setMessages(conversationId, messages.value);
}

export async function acceptOffer(offerId: string): Promise<void> {
  const offer = state().offers[offerId];
  const result = await rpc.workspace.acceptOffer({ offerId });
  state().removeOffer(offerId);
  if (report(result) && offer) await openConversation(offer.conversationId);
}

export async function rejectOffer(offerId: string): Promise<void> {
  const result = await rpc.workspace.rejectOffer({ offerId });
  state().removeOffer(offerId);
  report(result);
}

export async function sendReply(conversationId: string, text: string): Promise<boolean> {
  const result = await rpc.workspace.sendMessage({ conversationId, text, internal: false });
  return report(result);
}

export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem('switchboard.language', language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  state().setLanguage(language);
}
