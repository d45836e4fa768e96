import type { AgentProfile } from '../shared/domain/agent';
import { canSeeCustomer as seesCustomerThrough } from '../shared/domain/visibility';
import type { HubStore } from './store/hub-store';

/** How many of a customer's newest conversations are asked whether the viewer sees one. */
const CUSTOMER_SIGHT_SPAN = 200;

/** A customer is visible through any of their conversations the agent may see (the shared rule, over the store). */
export function canSeeCustomer(agent: AgentProfile, customerId: string, store: HubStore): boolean {
  return agent.role !== 'agent' || seesCustomerThrough(agent, store.customerConversations(customerId, CUSTOMER_SIGHT_SPAN));
}
