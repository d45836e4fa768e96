import { seesEverything } from '../shared/domain/visibility';
import type { HubEvent, NewHubEvent } from '../shared/protocol/hub-events';
import type { ConversationPublisher } from './conversations/lifecycle';
import type { EventBus } from './event-bus';
import { conversationAudience, customerAudience } from './feeds/audience';
import type { HubStore } from './store/hub-store';

export interface EventPublisher extends ConversationPublisher {
  /** Stores the event, appends it to the feed of everyone who may see it, and tells the bus once the transaction commits. */
  publish(event: NewHubEvent): void;
}

/** How many of a customer's newest conversations decide who sees the customer. */
const CUSTOMER_SIGHT_SPAN = 200;

/**
 * The audience of each event is computed once, here, as it is stored: by the one visibility rule
 * (shared/domain/visibility.ts) over the agents and the conversation as it now stands. Someone who
 * newly sees a conversation (a transfer, a move into their queue, a merge that brings its customer)
 * gets the conversation's and the customer's earlier events appended to their feed before the change
 * itself, so their desktop learns the history first and the current state last. Nothing is copied.
 */
export function createEventPublisher(store: HubStore, bus: EventBus, now: () => number = Date.now): EventPublisher {
  const agents = () => store.viewers().filter((a) => !seesEverything(a));

  function commit(event: HubEvent, owners: ReadonlySet<string>): void {
    const positions = store.appendToFeeds(event.seq, [...owners]);
    store.afterCommit(() => bus.publish({ event, positions }));
  }

  function audienceOf(event: HubEvent): Set<string> {
    switch (event.kind) {
      case 'conversation.upserted':
        return conversationAudience(agents(), event.conversation);
      case 'message.created':
      case 'message.updated': {
        const conversation = store.conversation(event.message.conversationId);
        return conversation ? conversationAudience(agents(), conversation) : new Set();
      }
      case 'customer.upserted': {
        const { customer } = event;
        const conversations = [customer.id, ...(customer.mergedInto ? [customer.mergedInto] : [])].flatMap((id) => store.customerConversations(id, CUSTOMER_SIGHT_SPAN));
        return customerAudience(agents(), conversations);
      }
    }
  }

  return {
    publish(event) {
      const stored = store.appendEvent(event, now());
      commit(stored, audienceOf(stored));
    },
    conversationChanging(prev, next) {
      return () => {
        const everyone = agents();
        const before = prev ? conversationAudience(everyone, prev) : new Set<string>();
        const after = conversationAudience(everyone, next);
        const stored = store.appendEvent({ kind: 'conversation.upserted', conversation: next }, now());
        const customerMoved = prev !== null && prev.customerId !== next.customerId;
        for (const owner of after) {
          if (!before.has(owner) || customerMoved) store.grantHistory(owner, next.id, next.customerId, stored.seq);
        }
        // Those who could see it before and cannot now get this last state: it tells their desktop it left them.
        commit(stored, new Set([...before, ...after]));
      };
    },
  };
}
