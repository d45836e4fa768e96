import type { Conversation } from '../shared/domain/conversation';
import type { NewHubEvent } from '../shared/protocol/hub-events';
import type { ConversationPublisher } from './conversations/lifecycle';
import type { EventBus } from './event-bus';
import { missedHistory, sightChange } from './history-replay';
import type { HubStore } from './store/hub-store';

export interface EventPublisher extends ConversationPublisher {
  /** Stores the event at once and puts it on the bus once the surrounding transaction commits (never, if it rolls back). */
  publish(event: NewHubEvent): void;
}

export function createEventPublisher(store: HubStore, bus: EventBus, now: () => number = Date.now): EventPublisher {
  const publishTo = (audience: string | null, event: NewHubEvent): void => {
    const stored = store.appendEvent(event, now(), audience);
    store.afterCommit(() => bus.publish(stored));
  };
  const publish = (event: NewHubEvent): void => publishTo(null, event);
  return {
    publish,
    conversationChanging(prev, next: Conversation) {
      const sight = prev ? sightChange(store, prev, next) : { gained: [], lost: [] };
      return () => {
        const missed = missedHistory(store, next, sight.gained);
        for (const m of missed.before) publishTo(m.audience, m.event);
        publish({ kind: 'conversation.upserted', conversation: next });
        for (const m of missed.after) publishTo(m.audience, m.event);
        for (const agentId of sight.lost) publishTo(agentId, { kind: 'conversation.upserted', conversation: next });
      };
    },
  };
}
