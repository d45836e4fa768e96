import type { Conversation } from '../shared/domain/conversation';
import { HUB_PROTOCOL_VERSION } from '../shared/protocol/hub-protocol';
import type { SocketRegistry } from './socket-registry';
import type { HubStore } from './store/hub-store';

type ToCustomer = (conversation: Conversation, active: boolean) => void;

/** Typing indicators: ephemeral, never stored, dropped when nobody is there to see them. */
export function createTypingRelay(store: HubStore, presence: SocketRegistry) {
  const customerSinks = new Set<ToCustomer>();
  /** Supervisors watching see it too, but never the agent who typed. */
  const toWatchers = (agentId: string, conversation: Conversation, active: boolean): void => {
    for (const id of presence.onlineAgentIds()) {
      const viewer = store.agent(id);
      if (id !== agentId && viewer && viewer.role !== 'agent') {
        presence.send(id, { v: HUB_PROTOCOL_VERSION, type: 'typing', conversationId: conversation.id, from: 'agent', agentId, active });
      }
    }
  };
  return {
    fromAgent(agentId: string, conversation: Conversation, active: boolean): void {
      customerSinks.forEach((sink) => sink(conversation, active));
      toWatchers(agentId, conversation, active);
    },
    /** An agent typed on another instance of a cluster: the watchers here hear it (the customer heard it there). */
    fromAgentElsewhere: toWatchers,
    fromCustomer(conversation: Conversation, active: boolean): void {
      if (!conversation.assigneeId || conversation.status === 'closed') return;
      presence.send(conversation.assigneeId, {
        v: HUB_PROTOCOL_VERSION,
        type: 'typing',
        conversationId: conversation.id,
        from: 'customer',
        agentId: null,
        active,
      });
    },
    onAgentTyping(sink: ToCustomer): () => void {
      customerSinks.add(sink);
      return () => customerSinks.delete(sink);
    },
  };
}
export type TypingRelay = ReturnType<typeof createTypingRelay>;
