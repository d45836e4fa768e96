import type { Conversation } from '../../shared/domain/conversation';
import type { Offer } from '../../shared/domain/offer';
import type { Logger } from '../../shared/log';
import { HUB_PROTOCOL_VERSION } from '../../shared/protocol/hub-protocol';
import { err, ok, type Result } from '../../shared/result';
import type { ConversationChange, Lifecycle } from '../conversations/lifecycle';
import type { OfferEnd } from '../conversations/lifecycle-table';
import type { SocketRegistry } from '../socket-registry';
import type { AssignmentRecord, HubStore } from '../store/hub-store';
import { waitingKey } from './priority';
import { RoutingIndex } from './routing-index';

export type CallDecision = { action: 'agent'; agentId: string } | { action: 'queue' } | { action: 'busy' };

export interface Router {
  /** Offers waiting conversations to eligible agents; safe to call at any time. */
  route(): void;
  accept(agentId: string, offerId: string): Result<{ conversationId: string }>;
  reject(agentId: string, offerId: string): Result<{ conversationId: string }>;
  /** Pulls back every chat offer made to an agent who left or went away, and puts the contacts back in the queue. */
  withdrawOffers(agentId: string): void;
  pendingOffers(agentId: string): Offer[];
  /** Re-reads an agent (state, presence, load) into the routing index. */
  agentChanged(agentId: string): void;
  /** The same routing as chats, answered at once for a call: who should ring. */
  chooseCallAgent(queue: string): CallDecision;
  /** Offers a waiting call to the agent its routing answer named; the offer stays open while the phone rings. */
  offerCall(conversationId: string, agentId: string): Result<Offer>;
  /** The offer's deadline passed (its durable job): it lapses if still open, and the contact is offered anew. */
  expireOffer(offerId: string, conversationId: string): void;
  /** Moves contacts that waited past their queue's overflow time (a recurring job runs it, see server.ts). */
  overflow(): void;
  stop(): void;
}

export interface RouterOptions {
  offerTimeoutMs: number;
  /** A call offer ends with the call's own events; this only closes one whose events never came. */
  callOfferTimeoutMs?: number;
  /** An offer's expiry job was stored for `at` (the job worker runs `expireOffer` then). */
  wakeJobs?: (at: number) => void;
  now?: () => number;
}

const revokeReason: Record<string, 'timeout' | 'taken' | 'rejected' | 'withdrawn'> = {
  declined: 'rejected',
  expired: 'timeout',
  missed: 'timeout',
  withdrawn: 'withdrawn',
};

/**
 * Decides who gets what. An eligible agent is online, available, serves the queue with its
 * skills and has room; among them the least loaded, then the longest idle, wins. Waiting
 * contacts go in aged-priority order (see priority.ts). Offers are assignment rows made through
 * the lifecycle; the router keeps only what it can rebuild: the index, expiry timers, and who
 * declined what.
 */
export function createRouter(store: HubStore, presence: SocketRegistry, lifecycle: Lifecycle, log: Logger, options: RouterOptions): Router {
  const now = options.now ?? Date.now;
  const callOfferTimeoutMs = options.callOfferTimeoutMs ?? 75_000;
  /** Agents who already declined or let a conversation's offer lapse are skipped for it. */
  const declined = new Map<string, Set<string>>();
  const index = new RoutingIndex();

  function agentChanged(agentId: string): void {
    const agent = store.agent(agentId);
    if (!agent) return index.removeAgent(agentId);
    const load = store.assignedLoad(agentId);
    index.upsertAgent({
      id: agent.id,
      queues: agent.queues,
      skills: new Set(agent.skills),
      capacity: agent.capacity,
      chats: load.chats,
      calls: load.calls,
      idleSince: agent.idleSince,
      available: agent.state === 'available' && presence.isOnline(agentId),
      online: agent.state !== 'offline' && presence.isOnline(agentId),
    });
  }

  function indexContact(c: Conversation): void {
    if (c.status === 'queued' && c.channel !== 'voice') {
      index.upsertContact({
        id: c.id,
        queue: c.queue,
        key: waitingKey(c.queuedAt ?? c.createdAt, c.priority),
        queuedAt: c.queuedAt ?? c.createdAt,
        escalated: Boolean(c.insight?.escalation),
      });
    } else index.removeContact(c.id);
  }

  function offerOf(assignment: AssignmentRecord): Offer | null {
    const conversation = store.conversation(assignment.conversationId);
    if (!conversation) return null;
    return {
      id: assignment.id,
      conversationId: conversation.id,
      channel: conversation.channel,
      queue: conversation.queue,
      customerName: store.customer(conversation.customerId)?.name ?? '',
      preview: conversation.preview,
      expiresAt: assignment.expiresAt ?? now(),
      ...(conversation.call?.callback ? { callback: { number: conversation.call.callback.number } } : {}),
    };
  }

  function release(offerId: string, conversationId: string, reason: OfferEnd): void {
    const released = lifecycle.move(conversationId, { kind: 'release', offerId, reason });
    if (!released.ok) log.log('info', 'offer already settled', { offer: offerId, detail: released.error.message });
  }

  function changed(change: ConversationChange): void {
    const { prev, next } = change;
    indexContact(next);
    if (next.status === 'closed') declined.delete(next.id);
    const touched = new Set<string>();
    if (prev?.assigneeId) touched.add(prev.assigneeId);
    if (next.assigneeId) touched.add(next.assigneeId);
    for (const released of change.released) {
      touched.add(released.agentId);
      if (released.answeredAt !== null) continue;
      if (released.outcome && released.outcome !== 'taken' && next.status !== 'closed') {
        const skip = declined.get(next.id) ?? new Set<string>();
        skip.add(released.agentId);
        declined.set(next.id, skip);
      }
      presence.send(released.agentId, { v: HUB_PROTOCOL_VERSION, type: 'offer.revoked', offerId: released.id, reason: revokeReason[released.outcome ?? ''] ?? 'taken' });
    }
    if (change.answered) {
      // The desktop stops showing it (for a call answered on the phone, nobody else would tell it).
      presence.send(change.answered.agentId, { v: HUB_PROTOCOL_VERSION, type: 'offer.revoked', offerId: change.answered.id, reason: 'taken' });
    }
    if (change.move?.kind === 'answer') declined.delete(next.id);
    if (change.offered) {
      touched.add(change.offered.agentId);
      if (change.offered.expiresAt !== null) options.wakeJobs?.(change.offered.expiresAt);
      const offer = offerOf(change.offered);
      if (offer) presence.send(change.offered.agentId, { v: HUB_PROTOCOL_VERSION, type: 'offer', offer });
      log.log('info', 'offer made', { offer: change.offered.id, agent: change.offered.agentId, conversation: next.id });
    }
    touched.forEach(agentChanged);
  }

  for (const q of store.queues()) index.setQueue(q.id, q.skills, q.escalationSkill ?? null);
  for (const c of store.conversationsByStatus('queued')) indexContact(c);
  for (const a of store.agents()) agentChanged(a.id);
  const unsubscribe = lifecycle.onChanged(changed);

  const skipDeclined = (contactId: string, agentId: string): boolean => declined.get(contactId)?.has(agentId) ?? false;

  function settledOffer(agentId: string, offerId: string): Result<AssignmentRecord> {
    const offer = store.assignment(offerId);
    if (!offer || offer.agentId !== agentId || offer.answeredAt !== null || offer.releasedAt !== null) return err('not_found', 'this offer is no longer open');
    // A queued callback is accepted like a chat (the agent's phone then dials the customer); a call rings on the phone.
    if (offer.channel === 'voice' && !store.conversation(offer.conversationId)?.call?.callback) return err('invalid_argument', 'a call is answered or declined on the phone');
    return ok(offer);
  }

  const router: Router = {
    route() {
      // Bounded: each pass either offers one contact or stops; a runaway loop would freeze the hub.
      for (let guard = 0; guard < 10_000; guard++) {
        const pair = index.next(skipDeclined);
        if (!pair) break;
        const made = lifecycle.move(pair.contact.id, { kind: 'offer', agentId: pair.agent.id, expiresAt: now() + options.offerTimeoutMs });
        // The index was stale (someone else moved it): drop the contact; the change that moved it re-adds it if it waits again.
        if (!made.ok) index.removeContact(pair.contact.id);
        else {
          // At once, not only when listeners hear of it: inside another commit's effects they hear of it later.
          indexContact(made.value);
          agentChanged(pair.agent.id);
        }
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
      const offer = settledOffer(agentId, offerId);
      if (!offer.ok) return offer;
      const answered = lifecycle.move(offer.value.conversationId, { kind: 'answer', agentId, offerId });
      return answered.ok ? ok({ conversationId: answered.value.id }) : answered;
    },
    reject(agentId, offerId) {
      const offer = settledOffer(agentId, offerId);
      if (!offer.ok) return offer;
      const released = lifecycle.move(offer.value.conversationId, { kind: 'release', offerId, reason: 'declined' });
      if (!released.ok) return released;
      router.route();
      return ok({ conversationId: released.value.id });
    },
    withdrawOffers(agentId) {
      for (const offer of store.openOffers(agentId)) if (offer.channel !== 'voice') release(offer.id, offer.conversationId, 'withdrawn');
      agentChanged(agentId);
      router.route();
    },
    pendingOffers: (agentId) => store.openOffers(agentId).flatMap((o) => offerOf(o) ?? []),
    agentChanged,
    chooseCallAgent(queue) {
      const agent = index.bestAgent(queue, true);
      if (agent) return { action: 'agent', agentId: agent.id };
      return index.anyoneServing(queue) ? { action: 'queue' } : { action: 'busy' };
    },
    offerCall(conversationId, agentId) {
      const made = lifecycle.move(conversationId, { kind: 'offer', agentId, expiresAt: now() + callOfferTimeoutMs });
      if (!made.ok) return made;
      const offer = store.openOffers(agentId).find((o) => o.conversationId === conversationId);
      const shown = offer ? offerOf(offer) : null;
      return shown ? ok(shown) : err('conflict', 'the call offer was settled at once');
    },
    expireOffer(offerId, conversationId) {
      const offer = store.assignment(offerId);
      if (!offer || offer.answeredAt !== null || offer.releasedAt !== null) return;
      log.log('info', 'offer timed out', { offer: offerId, agent: offer.agentId });
      release(offerId, conversationId, 'expired');
      router.route();
    },
    overflow() {
      const at = now();
      for (const queue of store.queues()) {
        if (!queue.overflowQueue || !queue.overflowAfterSeconds || queue.overflowQueue === queue.id) continue;
        const limit = at - queue.overflowAfterSeconds * 1000;
        const due = [...index.waiting(queue.id)].filter((c) => c.queuedAt <= limit).map((c) => c.id);
        for (const id of due) {
          const moved = lifecycle.move(id, { kind: 'requeue', queue: queue.overflowQueue, reason: 'overflow' });
          if (moved.ok) log.log('info', 'contact overflowed', { conversation: id, from: queue.id, to: queue.overflowQueue });
        }
      }
      router.route();
    },
    stop() {
      unsubscribe();
    },
  };
  return router;
}
