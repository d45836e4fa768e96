import type { WorkspaceMessage } from '../shared/contracts/workspace-contract';
import type { Conversation } from '../shared/domain/conversation';
import type { Customer } from '../shared/domain/customer';
import type { Offer } from '../shared/domain/offer';
import type { QueueSla } from '../shared/domain/queue-sla';
import type { CacheCalls } from './cache/cache-protocol';

/**
 * What the agent's desktop knows, read from the account's SQLite cache (empty while no account is
 * open). Offers are live-only and stay in memory: an offer is worthless once its seconds run out.
 */
export interface WorkspaceProjection {
  conversations(): Promise<Conversation[]>;
  customers(): Promise<Customer[]>;
  messages(conversationId: string): Promise<WorkspaceMessage[]>;
  /** The hub's queues as it last named them (kept in the cache, so an offline start has them too). */
  queues(): Promise<QueueSla[]>;
  /** Shows a local copy of a reply; the cache keeps it until the hub's copy replaces it. */
  upsertLocalMessage(message: WorkspaceMessage): Promise<void>;
  offers: Map<string, Offer>;
}

/** Every read goes to the cache thread (cache/cache-thread.ts). */
export function createCachedProjection(cache: () => CacheCalls | null): WorkspaceProjection {
  return {
    conversations: async () => (await cache()?.recentConversations()) ?? [],
    customers: async () => (await cache()?.allCustomers()) ?? [],
    messages: async (conversationId) => (await cache()?.conversationMessages(conversationId)) ?? [],
    queues: async () => (await cache()?.queues()) ?? [],
    upsertLocalMessage: async (message) => {
      await cache()?.upsertLocalMessage(message);
    },
    offers: new Map(),
  };
}
