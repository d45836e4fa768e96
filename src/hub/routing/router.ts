import type { Conversation } from '../../shared/domain/conversation';
import type { Offer } from '../../shared/domain/offer';
import type { Logger } from '../../shared/log';
import { HUB_PROTOCOL_VERSION } from '../../shared/protocol/hub-protocol';
import { err, ok, type Result } from '../../shared/result';
import type { ConversationService } from '../conversation-service';
import { newId } from '../ids';
import type { Presence } from '../presence';
import type { HubStore } from '../store/hub-store';
import { waitingKey } from './priority';
import { RoutingIndex } from './routing-index';

interface PendingOffer {
  offer: Offer;
  agentId: string;
  timer: ReturnType<typeof setTimeout>;
}

export type CallDecision = { action: 'agent'; agentId: string } | { action: 'queue' } | { action: 'busy' };

export interface Router {
  /** Offers waiting conversations to eligible agents; safe to call at any time. */
  route(): void;
  accept(agentId: string, offerId: string): Result<{ conversationId: string }>;
  reject(agentId: string, offerId: string): Result<{ conversationId: string }>;
  /** Pulls back every offer made to an agent who left or went away, and puts the contacts back in the queue. */
  withdrawOffers(agentId: string): void;
  pendingOffers(agentId: string): Offer[];
  /** Re-reads an agent (state, presence, load) into the routing index. */
  agentChanged(agentId: string): void;
  /** The same routing as chats, answered at once for a call: who should ring. */
  chooseCallAgent(queue: string): CallDecision;
  /** Moves contacts that waited past their queue's overflow time; runs on a timer too. */
  overflow(): void;
  stop(): void;
}

export interface RouterOptions {
  offerTimeoutMs: number;
  overflowCheckMs?: number;
  now?: () => number;
}

/**
 * Decides who gets what. An eligible agent is online, available, serves the queue with its
 * skills and has room; among them the least loaded, then the longest idle, wins. Waiting
 * contacts go in aged-priority order (see priority.ts).
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
  /** Who each open conversation is assigned to, so a reassignment refreshes both agents' load. */
  const assignees = new Map<string, string>();
  const index = new RoutingIndex();

  const offersTo = (agentId: string): number => {
    let n = 0;
    for (const o of offers.values()) if (o.agentId === agentId) n++;
    return n;
  };

  function agentChanged(agentId: string): void {
    const agent = store.agent(agentId);
    if (!agent) return index.removeAgent(agentId);
    const load = store.assignedLoad(agentId);
    index.upsertAgent({
      id: agent.id,
      queues: agent.queues,
      skills: new Set(agent.skills),
      capacity: agent.capacity,
      chats: load.chats + offersTo(agentId),
      calls: load.calls,
      idleSince: agent.idleSince,
      available: agent.state === 'available' && presence.isOnline(agentId),
      online: agent.state !== 'offline' && presence.isOnline(agentId),
    });
  }

  function conversationChanged(c: Conversation): void {
    if (c.status === 'queued' && c.channel !== 'voice') {
      index.upsertContact({ id: c.id, queue: c.queue, key: waitingKey(c.queuedAt ?? c.createdAt, c.priority), queuedAt: c.queuedAt ?? c.createdAt });
    } else index.removeContact(c.id);
    const before = assignees.get(c.id);
    const after = c.status === 'closed' ? null : c.assigneeId;
    if (after) assignees.set(c.id, after);
    else assignees.delete(c.id);
    if (c.status === 'closed') declined.delete(c.id);
    if (before && before !== after) agentChanged(before);
    if (after) agentChanged(after);
  }

  for (const q of store.queues()) index.setQueue(q.id, q.skills);
  for (const status of ['queued', 'offered', 'active'] as const) for (const c of store.conversationsByStatus(status)) conversationChanged(c);
  for (const a of store.agents()) agentChanged(a.id);
  const unsubscribe = conversations.onChanged(conversationChanged);

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
    agentChanged(pending.agentId);
  }

  function offer(conversationId: string, agentId: string): void {
    const conversation = store.conversation(conversationId);
    if (!conversation) return index.removeContact(conversationId);
    const customer = store.customer(conversation.customerId);
    const made: Offer = {
      id: newId('off'),
      conversationId: conversation.id,
      channel: conversation.channel,
      queue: conversation.queue,
      customerName: customer?.name ?? '',
      preview: conversation.preview,
      expiresAt: now() + options.offerTimeoutMs,
    };
    const pending: PendingOffer = {
      offer: made,
      agentId,
      timer: setTimeout(() => {
        log.log('info', 'offer timed out', { offer: made.id, agent: agentId });
        release(pending, 'timeout');
        router.route();
      }, options.offerTimeoutMs),
    };
    offers.set(made.id, pending);
    conversations.updateConversation({ ...conversation, status: 'offered', updatedAt: now() });
    agentChanged(agentId);
    presence.send(agentId, { v: HUB_PROTOCOL_VERSION, type: 'offer', offer: made });
    log.log('info', 'offer made', { offer: made.id, agent: agentId, conversation: conversation.id });
  }

  const skipDeclined = (contactId: string, agentId: string): boolean => declined.get(contactId)?.has(agentId) ?? false;

  const router: Router = {
    route() {
      // Bounded: each pass either offers one contact or stops; a runaway loop would freeze the hub.
      for (let guard = 0; guard < 10_000; guard++) {
        const pair = index.next(skipDeclined);
        if (!pair) break;
        offer(pair.contact.id, pair.agent.id);
      }
      // Everyone ready already declined these: start a fresh round rather than strand the customer.
      for (const [conversationId, skip] of declined) {
        const contact = index.contact(conversationId);
        if (!contact) continue;
        if (skip.size > 0 && !index.bestAgent(contact.queue, false, (id) => skip.has(id)) && index.bestAgent(contact.queue, false)) {
          declined.delete(conversationId);
        }
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
      agentChanged(agentId);
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
      agentChanged(agentId);
      router.route();
    },
    pendingOffers: (agentId) => [...offers.values()].filter((o) => o.agentId === agentId).map((o) => o.offer),
    agentChanged,
    chooseCallAgent(queue) {
      const agent = index.bestAgent(queue, true);
      if (agent) return { action: 'agent', agentId: agent.id };
      return index.anyoneServing(queue) ? { action: 'queue' } : { action: 'busy' };
    },
    overflow() {
      const at = now();
      for (const queue of store.queues()) {
        if (!queue.overflowQueue || !queue.overflowAfterSeconds || queue.overflowQueue === queue.id) continue;
        const limit = at - queue.overflowAfterSeconds * 1000;
        const due = [...index.waiting(queue.id)].filter((c) => c.queuedAt <= limit).map((c) => c.id);
        for (const id of due) {
          const conversation = store.conversation(id);
          if (!conversation || conversation.status !== 'queued') continue;
          log.log('info', 'contact overflowed', { conversation: id, from: queue.id, to: queue.overflowQueue });
          conversations.updateConversation({ ...conversation, queue: queue.overflowQueue, updatedAt: at });
        }
      }
      router.route();
    },
    stop() {
      clearInterval(ticker);
      unsubscribe();
      for (const pending of offers.values()) clearTimeout(pending.timer);
      offers.clear();
    },
  };
  const ticker = setInterval(() => router.overflow(), options.overflowCheckMs ?? 1_000);
  ticker.unref();
  return router;
}
