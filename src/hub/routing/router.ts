import type { Offer } from '../../shared/domain/offer';
import { HUB_PROTOCOL_VERSION } from '../../shared/protocol/hub-protocol';
import { err, ok, type Result } from '../../shared/result';
import type { Logger } from '../../shared/log';
import type { ConversationService } from '../conversation-service';
import { newId } from '../ids';
import type { Presence } from '../presence';
import type { AgentRecord, HubStore } from '../store/hub-store';

interface PendingOffer {
  offer: Offer;
  agentId: string;
  timer: ReturnType<typeof setTimeout>;
}

export interface Router {
  /** Offers waiting conversations to eligible agents; safe to call at any time. */
  route(): void;
  accept(agentId: string, offerId: string): Result<{ conversationId: string }>;
  reject(agentId: string, offerId: string): Result<{ conversationId: string }>;
  /** Pulls back every offer made to an agent who left or went away, and puts the contacts back in the queue. */
  withdrawOffers(agentId: string): void;
  pendingOffers(agentId: string): Offer[];
  stop(): void;
}

export interface RouterOptions {
  offerTimeoutMs: number;
  now?: () => number;
}

/**
 * Decides who gets what. An eligible agent is online, available, serves the queue and has
 * room; among them the least loaded, then the longest idle, wins.
 */
export function createRouter(
  store: HubStore,
  presence: Presence,
  conversations: ConversationService,
  log: Logger,
  options: RouterOptions,
): Router {
  const now = options.now ?? Date.now;
  const offers = new Map<string, PendingOffer>();
  /** Agents who already declined or let a conversation's offer lapse are skipped for it. */
  const declined = new Map<string, Set<string>>();

  const offeredTo = (agentId: string): number => [...offers.values()].filter((o) => o.agentId === agentId).length;
  const load = (agent: AgentRecord): number => store.activeCount(agent.id) + offeredTo(agent.id);

  function eligible(queue: string, conversationId: string): AgentRecord | null {
    const skip = declined.get(conversationId);
    const candidates = store
      .agents()
      .filter(
        (a) =>
          a.state === 'available' &&
          presence.isOnline(a.id) &&
          a.queues.includes(queue) &&
          !skip?.has(a.id) &&
          load(a) < a.capacity,
      );
    candidates.sort((a, b) => load(a) - load(b) || a.stateSince - b.stateSince);
    return candidates[0] ?? null;
  }

  function release(pending: PendingOffer, reason: 'timeout' | 'rejected' | 'withdrawn'): void {
    clearTimeout(pending.timer);
    offers.delete(pending.offer.id);
    const skip = declined.get(pending.offer.conversationId) ?? new Set<string>();
    skip.add(pending.agentId);
    declined.set(pending.offer.conversationId, skip);
    presence.send(pending.agentId, { v: HUB_PROTOCOL_VERSION, type: 'offer.revoked', offerId: pending.offer.id, reason });
    const conversation = store.conversation(pending.offer.conversationId);
    if (conversation && conversation.status === 'offered') {
      conversations.updateConversation({ ...conversation, status: 'queued', updatedAt: now() });
    }
  }

  const router: Router = {
    route() {
      const waiting = store.conversationsByStatus('queued');
      for (const conversation of waiting) {
        const agent = eligible(conversation.queue, conversation.id);
        if (!agent) {
          // Everyone eligible declined: start a fresh round rather than strand the customer.
          if (declined.get(conversation.id)?.size) declined.delete(conversation.id);
          continue;
        }
        const customer = store.customer(conversation.customerId);
        const offer: Offer = {
          id: newId('off'),
          conversationId: conversation.id,
          channel: conversation.channel,
          queue: conversation.queue,
          customerName: customer?.name ?? '',
          preview: conversation.preview,
          expiresAt: now() + options.offerTimeoutMs,
        };
        const pending: PendingOffer = {
          offer,
          agentId: agent.id,
          timer: setTimeout(() => {
            log.log('info', 'offer timed out', { offer: offer.id, agent: agent.id });
            release(pending, 'timeout');
            router.route();
          }, options.offerTimeoutMs),
        };
        offers.set(offer.id, pending);
        conversations.updateConversation({ ...conversation, status: 'offered', updatedAt: now() });
        presence.send(agent.id, { v: HUB_PROTOCOL_VERSION, type: 'offer', offer });
        log.log('info', 'offer made', { offer: offer.id, agent: agent.id, conversation: conversation.id });
      }
    },
    accept(agentId, offerId) {
      const pending = offers.get(offerId);
      if (!pending || pending.agentId !== agentId) return err('not_found', 'this offer is no longer open');
      clearTimeout(pending.timer);
      offers.delete(offerId);
      declined.delete(pending.offer.conversationId);
      const conversation = store.conversation(pending.offer.conversationId);
      if (!conversation) return err('not_found', 'the conversation is gone');
      conversations.updateConversation({ ...conversation, status: 'active', assigneeId: agentId, updatedAt: now() });
      return ok({ conversationId: conversation.id });
    },
    reject(agentId, offerId) {
      const pending = offers.get(offerId);
      if (!pending || pending.agentId !== agentId) return err('not_found', 'this offer is no longer open');
      release(pending, 'rejected');
      router.route();
      return ok({ conversationId: pending.offer.conversationId });
    },
    withdrawOffers(agentId) {
      for (const pending of [...offers.values()]) if (pending.agentId === agentId) release(pending, 'withdrawn');
      router.route();
    },
    pendingOffers: (agentId) => [...offers.values()].filter((o) => o.agentId === agentId).map((o) => o.offer),
    stop() {
      for (const pending of offers.values()) clearTimeout(pending.timer);
      offers.clear();
    },
  };
  return router;
}
