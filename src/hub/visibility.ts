import type { AgentProfile } from '../shared/domain/agent';
import { canSeeConversation, canSeeCustomer as seesCustomerThrough } from '../shared/domain/visibility';
import type { HubEvent } from '../shared/protocol/hub-events';
import type { HubStore, StoredEvent } from './store/hub-store';

export { canActOn, canSeeConversation } from '../shared/domain/visibility';

/** How many of a customer's newest conversations are asked whether the viewer sees one. */
const CUSTOMER_SIGHT_SPAN = 200;

/** A customer is visible through any of their conversations the agent may see. */
export function canSeeCustomer(agent: AgentProfile, customerId: string, store: HubStore): boolean {
  return agent.role !== 'agent' || seesCustomerThrough(agent, store.customerConversations(customerId, CUSTOMER_SIGHT_SPAN));
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
