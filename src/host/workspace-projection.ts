import type { Conversation } from '../shared/domain/conversation';
import type { Customer } from '../shared/domain/customer';
import type { Offer } from '../shared/domain/offer';
import type { HubEvent } from '../shared/protocol/hub-events';
import type { WorkspaceMessage } from '../shared/contracts/workspace-contract';
import { assertNever } from '../shared/result';

/**
 * What the agent's desktop knows, folded from hub events. Kept in memory here; the offline
 * cache persists the same shape.
 */
export interface WorkspaceProjection {
  apply(event: HubEvent): { conversation?: Conversation; customer?: Customer; message?: WorkspaceMessage };
  upsertLocalMessage(message: WorkspaceMessage): void;
  conversations(): Conversation[];
  customers(): Customer[];
  messages(conversationId: string): WorkspaceMessage[];
  offers: Map<string, Offer>;
  clear(): void;
}

export function createWorkspaceProjection(): WorkspaceProjection {
  const conversations = new Map<string, Conversation>();
  const customers = new Map<string, Customer>();
  const messages = new Map<string, Map<string, WorkspaceMessage>>();
  const offers = new Map<string, Offer>();

  const upsertMessage = (message: WorkspaceMessage): void => {
    let list = messages.get(message.conversationId);
    if (!list) messages.set(message.conversationId, (list = new Map()));
    // A reply written here is keyed by its idempotency key until the hub's copy replaces it.
    if (message.key) {
      for (const [id, existing] of list) if (existing.key === message.key && id !== message.id) list.delete(id);
    }
    list.set(message.id, message);
  };

  return {
    apply(event) {
      switch (event.kind) {
        case 'conversation.upserted':
          conversations.set(event.conversation.id, event.conversation);
          return { conversation: event.conversation };
        case 'customer.upserted':
          customers.set(event.customer.id, event.customer);
          return { customer: event.customer };
        case 'message.created': {
          const message: WorkspaceMessage = { ...event.message, delivery: 'sent' };
          upsertMessage(message);
          return { message };
        }
        default:
          return assertNever(event);
      }
    },
    upsertLocalMessage: upsertMessage,
    conversations: () => [...conversations.values()].sort((a, b) => (b.lastMessageAt ?? b.updatedAt) - (a.lastMessageAt ?? a.updatedAt)),
    customers: () => [...customers.values()],
    messages: (conversationId) => [...(messages.get(conversationId)?.values() ?? [])].sort((a, b) => a.createdAt - b.createdAt),
    offers,
    clear() {
      conversations.clear();
      customers.clear();
      messages.clear();
      offers.clear();
    },
  };
}
