import type { AgentProfile } from '../shared/domain/agent';
import type { Conversation } from '../shared/domain/conversation';
import type { HubEvent } from '../shared/protocol/hub-events';
import type { HubStore, StoredEvent } from './store/hub-store';

/** An agent sees what is assigned to them or sits in their queues; supervisors and admins see all. */
export function canSeeConversation(agent: AgentProfile, conversation: Conversation): boolean {
  if (agent.role !== 'agent') return true;
  return conversation.assigneeId === agent.id || agent.queues.includes(conversation.queue);
}

/** Acting on a conversation (reply, close, transfer) needs it assigned to you, unless you supervise. */
export function canActOn(agent: AgentProfile, conversation: Conversation): boolean {
  return agent.role !== 'agent' || conversation.assigneeId === agent.id;
}

/** A customer is visible through any of their conversations the agent may see. */
export function canSeeCustomer(agent: AgentProfile, customerId: string, store: HubStore): boolean {
  if (agent.role !== 'agent') return true;
  return store.customerConversations(customerId, 200).some((c) => canSeeConversation(agent, c));
}

export function canSeeEvent(agent: AgentProfile, event: HubEvent, store: HubStore): boolean {
  switch (event.kind) {
    case 'customer.upserted':
      return canSeeCustomer(agent, event.customer.mergedInto ?? event.customer.id, store) || canSeeCustomer(agent, event.customer.id, store);
    case 'conversation.upserted':
      return canSeeConversation(agent, event.conversation);
    case 'message.created': {
      if (agent.role !== 'agent') return true;
      const conversation = store.conversation(event.message.conversationId);
      return conversation !== null && canSeeConversation(agent, conversation);
    }
  }
}

/** An event stored for one agent alone (history replayed to them) is theirs whatever they see now. */
export function canSeeStoredEvent(agent: AgentProfile, stored: StoredEvent, store: HubStore): boolean {
  return stored.audience === null ? canSeeEvent(agent, stored.event, store) : stored.audience === agent.id;
}
