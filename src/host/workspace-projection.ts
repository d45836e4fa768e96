import type { WorkspaceMessage } from '../shared/contracts/workspace-contract';
import type { Conversation } from '../shared/domain/conversation';
import type { Customer } from '../shared/domain/customer';
import type { Offer } from '../shared/domain/offer';
import type { QueueSla } from '../shared/domain/queue-sla';
import type { AccountCache } from './cache/account-cache';

/**
 * What the agent's desktop knows, read from the account's SQLite cache (empty while no account is
 * open). Offers are live-only and stay in memory: an offer is worthless once its seconds run out.
 */
export interface WorkspaceProjection {
  conversations(): Conversation[];
  customers(): Customer[];
  messages(conversationId: string): WorkspaceMessage[];
  /** The hub's queues as it last named them (kept in the cache, so an offline start has them too). */
  queues(): QueueSla[];
  /** Shows a local copy of a reply; the cache keeps it until the hub's copy replaces it. */
  upsertLocalMessage(message: WorkspaceMessage): void;
  offers: Map<string, Offer>;
}

export function createCachedProjection(cache: () => AccountCache | null): WorkspaceProjection {
  return {
    conversations: () => cache()?.recentConversations() ?? [],
    customers: () => cache()?.allCustomers() ?? [],
    messages: (conversationId) => cache()?.conversationMessages(conversationId) ?? [],
    queues: () => cache()?.queues() ?? [],
    upsertLocalMessage: (message) => cache()?.upsertLocalMessage(message),
    offers: new Map(),
  };
}
