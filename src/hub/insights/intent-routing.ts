import type { Channel } from '../../shared/domain/channel';
import type { ConversationIntent } from '../../shared/domain/conversation-insight';
import type { IntentClassifier } from '../../shared/nlp/intent/intent-classifier';
import { hasSubstance } from '../../shared/nlp/intent/opening-text';
import { hubQueueFor, type IntentRoutingConfig } from './intent-routing-config';

export interface IntentDecision {
  /** The queue the conversation should wait in. */
  queue: string;
  /** What the model read, for the agent and for retraining (serviceQueue null when it knew nothing). */
  intent: ConversationIntent;
}

export interface IntentRouting {
  /**
   * For a customer's message on a conversation not yet routed by intent: the queue it should wait in
   * and the intent read. Null when the conversation keeps its queue (routing off, a channel or queue
   * that fixes itself) or the message has no substance yet ("在吗", "hello?", an order number).
   */
  decide(channel: Channel, channelQueue: string, text: string): IntentDecision | null;
}

export interface IntentRoutingDeps {
  config: IntentRoutingConfig;
  /** Lazily: the weights decode on first use. */
  classifier: () => IntentClassifier;
  queueExists: (id: string) => boolean;
}

export function createIntentRouting({ config, classifier, queueExists }: IntentRoutingDeps): IntentRouting {
  return {
    decide(channel, channelQueue, text) {
      if (!config.enabled || config.fixedChannels.includes(channel) || config.fixedQueues.includes(channelQueue)) return null;
      if (!hasSubstance(text)) return null;
      const route = classifier().route(text);
      const fallback = config.fallbackQueue && queueExists(config.fallbackQueue) ? config.fallbackQueue : channelQueue;
      const intent: ConversationIntent = { serviceQueue: route.queue, intent: route.intent, confidence: route.confidence, routedTo: null };
      if (route.queue === null) return { queue: fallback, intent };
      const target = hubQueueFor(config, route.queue);
      if (route.confidence < config.minConfidence || !queueExists(target)) return { queue: fallback, intent };
      return { queue: target, intent: { ...intent, routedTo: target } };
    },
  };
}
