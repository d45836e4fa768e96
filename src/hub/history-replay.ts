import type { Conversation } from '../shared/domain/conversation';
import type { NewHubEvent } from '../shared/protocol/hub-events';
import type { HubStore } from './store/hub-store';
import { canSeeConversation, canSeeCustomer } from './visibility';

/** An agent who could not see a conversation before a change and can after it. */
export interface NewViewer {
  agentId: string;
  knewCustomer: boolean;
}

/** Whose sight of a conversation a change of its queue or assignee changes. */
export interface SightChange {
  /** Could not see it before and can after: their desktops' cursors are past its earlier events. */
  gained: NewViewer[];
  /** Could see it before and cannot after: no later event is for them. */
  lost: string[];
}

/**
 * One pass over the agents, asked before the change is written, so whether a new viewer knew the
 * customer is judged on what they could see. Gainers (a transfer to an agent outside the queue, a
 * move into their queue) need what they missed stored anew for them, as a catch-up never brings
 * events that were not theirs then. Losers (their chat moved to a queue they do not serve, handed
 * to someone outside their queues) would keep it as they last saw it (theirs, open) for good, so
 * one copy of the new state tells them it has left. Supervisors and admins see everything.
 */
export function sightChange(store: HubStore, prev: Conversation, next: Conversation): SightChange {
  const change: SightChange = { gained: [], lost: [] };
  if (prev.queue === next.queue && prev.assigneeId === next.assigneeId) return change;
  for (const agent of store.agents()) {
    if (agent.role !== 'agent') continue;
    const before = canSeeConversation(agent, prev);
    const after = canSeeConversation(agent, next);
    if (!before && after) change.gained.push({ agentId: agent.id, knewCustomer: canSeeCustomer(agent, next.customerId, store) });
    else if (before && !after) change.lost.push(agent.id);
  }
  return change;
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
