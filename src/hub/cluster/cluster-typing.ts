import type { HubStore } from '../store/hub-store';
import type { TypingRelay } from '../typing-relay';
import type { ClusterSignals } from './cluster-signals';

/**
 * Typing indicators across a cluster's instances. An agent's typing reaches the customer from the instance
 * they typed on (a visitor's tabs elsewhere hear it through the widget's fan-out) and the supervisors on
 * every instance through a signal; a customer's typing reaches the assignee through the cluster sockets.
 */
export function clusterTyping(relay: TypingRelay, signals: ClusterSignals, store: Pick<HubStore, 'conversation'>): TypingRelay & { stop(): void } {
  const stop = signals.subscribe((signal) => {
    if (signal.kind !== 'agent.typing') return;
    const conversation = store.conversation(signal.conversationId);
    if (conversation) relay.fromAgentElsewhere(signal.agentId, conversation, signal.active);
  });
  return {
    ...relay,
    fromAgent(agentId, conversation, active) {
      relay.fromAgent(agentId, conversation, active);
      signals.publish({ kind: 'agent.typing', agentId, conversationId: conversation.id, active });
    },
    stop,
  };
}
