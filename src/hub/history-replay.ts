import type { Conversation } from '../shared/domain/conversation';
import type { NewHubEvent } from '../shared/protocol/hub-events';
import type { HubStore } from './store/hub-store';
import { canSeeConversation, canSeeCustomer } from './visibility';

/** An agent who could not see a conversation before a change and can after it. */
export interface NewViewer {
  agentId: string;
  knewCustomer: boolean;
}

/**
 * Who gains sight of a conversation when its queue or assignee changes (a transfer to an agent
 * outside its queue, a move into their queue). Their desktops' cursors are already past its
 * earlier events, which were not for them then, so a catch-up never brings those: only events
 * stored anew for them can. Asked before the change is written, so whether they knew the customer
 * is judged on what they could see. Supervisors and admins see everything all along.
 */
export function newViewers(store: HubStore, prev: Conversation, next: Conversation): NewViewer[] {
  if (prev.queue === next.queue && prev.assigneeId === next.assigneeId) return [];
  return store
    .agents()
    .filter((a) => a.role === 'agent' && !canSeeConversation(a, prev) && canSeeConversation(a, next))
    .map((a) => ({ agentId: a.id, knewCustomer: canSeeCustomer(a, next.customerId, store) }));
}

/** An event stored for one agent alone. */
export interface AddressedEvent {
  event: NewHubEvent;
  audience: string;
}

/**
 * What new viewers missed, as the event kinds every desktop already stores: the customer, for
 * those who did not know them, to go before the conversation's own upsert; every earlier message,
 * to go after it.
 */
export function missedHistory(store: HubStore, conversation: Conversation, viewers: readonly NewViewer[]): { before: AddressedEvent[]; after: AddressedEvent[] } {
  if (viewers.length === 0) return { before: [], after: [] };
  const customer = viewers.some((v) => !v.knewCustomer) ? store.customer(conversation.customerId) : null;
  const messages = store.messages(conversation.id);
  return {
    before: customer ? viewers.filter((v) => !v.knewCustomer).map((v) => ({ event: { kind: 'customer.upserted', customer }, audience: v.agentId })) : [],
    after: viewers.flatMap((v) => messages.map((message) => ({ event: { kind: 'message.created', message }, audience: v.agentId }))),
  };
}
