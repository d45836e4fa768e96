import i18next from 'i18next';
import type { Language } from '../i18n/i18n';
import { playAlertTone } from '../lib/alert-tone';
import { notifyContact, windowUnfocused } from '../lib/desktop-notification';
import { rpc } from '../rpc/connect';
import type { AgentAlert } from '../../shared/contracts/workspace-contract';
import type { Attachment } from '../../shared/domain/message';
import type { Offer } from '../../shared/domain/offer';
import type { AppError } from '../../shared/result';
import { useAppStore } from './app-store';
import { loadCustomer360 } from './customer-actions';
import { applyInboxChange, reloadInboxWindow } from './inbox-actions';
import { phoneActions } from './phone-actions';
import { report } from './report';
import { customerNameOf, offerCustomerName } from './customer-names';

const state = () => useAppStore.getState();

/** A customer who stops typing without sending leaves no "stopped" event behind if the link drops. */
const TYPING_LAPSE_MS = 6_000;

function announceOffer(offer: Offer): void {
  const { prefs } = state();
  // A call announces itself: the phone rings and notifies.
  if (!windowUnfocused() || (offer.channel === 'voice' && !offer.callback)) return;
  if (prefs.notifications) {
    const name = offerCustomerName(offer);
    const title = i18next.t('offer.title', { channel: i18next.t(`channel.${offer.channel}`), name });
    notifyContact({ kind: 'offer', subject: name, preview: offer.preview, conversationId: offer.conversationId, offerId: offer.id, title, tag: offer.id });
  }
  if (prefs.sounds) void playAlertTone(prefs.ringerId);
}

/** A customer on one of the agent's own conversations is upset: worth a notification when the agent looks elsewhere. */
function announceAlert(alert: AgentAlert): void {
  if (!state().prefs.notifications || !windowUnfocused()) return;
  const conversation = state().conversations[alert.conversationId];
  const subject = conversation ? customerNameOf(conversation.customerId) : i18next.t('inbox.unknown_customer');
  const preview = i18next.t(`alertNotice.${alert.reason}`);
  notifyContact({ kind: 'sentiment_alert', subject, preview, conversationId: alert.conversationId, offerId: null, title: i18next.t('alertNotice.title', { name: subject }), tag: alert.id });
}

/** Wires host events into the store once, at start-up. */
export function bindHostEvents(): void {
  rpc.session.on('connection', (c) => {
    const wasCatchingUp = !!state().connection?.sync;
    state().setConnection(c);
    // A catch-up came as thousands of deltas: once it ends, the window is read once more, so its count and rows are the cache's own.
    if (wasCatchingUp && !c.sync && state().agent) void reloadInboxWindow();
    if (c.status === 'online' && !c.pendingActions) state().setQueuedState(null);
    if (c.status === 'signed_out') {
      state().setAgent(null);
      state().resetInbox();
      state().resetWork();
    }
  });
  rpc.session.on('agent', (a) => {
    state().setAgent(a);
    // The hub has answered since: its word on the state is the one to show.
    if (state().connection?.status === 'online') state().setQueuedState(null);
  });
  rpc.workspace.on('queues', (queues) => state().setQueues(queues));
  rpc.workspace.on('conversation', (c) => state().upsertConversation(c));
  rpc.workspace.on('inboxChange', applyInboxChange);
  rpc.workspace.on('customer', (c) => {
    state().upsertCustomer(c);
    // A changed customer (tags, a merge) makes the cached 360 view stale.
    if (state().profiles[c.id]?.status === 'ready') void loadCustomer360(c.id);
  });
  rpc.workspace.on('message', (m) => {
    state().upsertMessage(m);
    if (m.direction === 'in') state().setCustomerTyping(m.conversationId, null);
  });
  rpc.workspace.on('offer', (o) => {
    state().addOffer(o);
    announceOffer(o);
  });
  rpc.workspace.on('alert', announceAlert);
  rpc.workspace.on('offerRevoked', ({ offerId }) => state().removeOffer(offerId));
  rpc.workspace.on('typing', ({ conversationId, typing }) =>
    state().setCustomerTyping(conversationId, typing ? Date.now() + TYPING_LAPSE_MS : null),
  );
  rpc.workspace.on('alert', (alert) => state().setAlert(alert));
  // Call notices drive the phone engine, which listens for them itself; a chat takeover is the workspace's.
  rpc.workspace.on('supervision', (notice) => {
    if (notice.kind !== 'chat.taken_over') return;
    state().setTakenOver(notice.conversationId, notice.supervisorName);
    // The conversation event says the same, but the agent may no longer be allowed to see it: stop answering now.
    const conversation = state().conversations[notice.conversationId];
    if (conversation) state().upsertConversation({ ...conversation, assigneeId: notice.supervisorId });
  });
}

/** The hub's queue names and SLA targets; the host answers from its cache while offline. */
async function loadQueues(): Promise<void> {
  const queues = await rpc.workspace.queues({});
  if (report(queues)) state().setQueues(queues.value);
}

export async function refreshFromHost(): Promise<void> {
  const status = await rpc.session.status({});
  if (!status.ok) return state().setSessionKnown();
  state().setConnection(status.value.connection);
  state().setAgent(status.value.agent);
  // The inbox is a window over the host's SQL: only the rows around what is visible are read (inbox-actions.ts).
  if (status.value.agent) await Promise.all([reloadInboxWindow(), loadQueues(), checkTelephony()]);
}

/** Whether this hub has telephony, so the top bar never offers phone controls that cannot work. */
async function checkTelephony(): Promise<void> {
  const issued = await rpc.session.sipCredentials({});
  state().setHubTelephony(!issued.ok ? 'unknown' : issued.value ? 'available' : 'none');
}

export async function login(username: string, password: string): Promise<AppError | null> {
  const result = await rpc.session.login({ username, password });
  if (!result.ok) return result.error;
  state().setAgent(result.value);
  state().setError(null);
  // The inbox is where an agent's day starts: j/k and Enter work from there at once.
  state().requestFocus('inbox');
  await refreshFromHost();
  return null;
}

export async function logout(): Promise<void> {
  await rpc.session.logout({});
  state().setAgent(null);
  state().resetInbox();
  state().resetWork();
}

export async function openConversation(conversationId: string): Promise<void> {
  state().select(conversationId);
  const messages = await rpc.workspace.messages({ conversationId });
  if (report(messages)) state().setMessages(conversationId, messages.value);
}

/** Accepting opens the conversation with the cursor in the reply box: the next thing is to answer. */
export async function acceptOffer(offerId: string): Promise<void> {
  const offer = state().offers[offerId];
  const result = await rpc.workspace.acceptOffer({ offerId });
  state().removeOffer(offerId);
  if (!report(result) || !offer) return;
  // A callback is the agent's now: their phone dials the customer, and the call joins the conversation.
  if (offer.callback) report(await phoneActions.dial(offer.callback.number));
  else state().requestFocus('composer');
  await openConversation(offer.conversationId);
}

export async function rejectOffer(offerId: string): Promise<void> {
  const result = await rpc.workspace.rejectOffer({ offerId });
  state().removeOffer(offerId);
  report(result);
}

export async function sendReply(conversationId: string, text: string, internal = false, attachments: Attachment[] = []): Promise<boolean> {
  const result = await rpc.workspace.sendMessage({ conversationId, text, internal, attachments });
  return report(result);
}

export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem('switchboard.language', language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  state().setLanguage(language);
}
