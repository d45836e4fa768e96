import type { Conversation } from '../../shared/domain/conversation';
import { err, ok, type Result } from '../../shared/result';
import { newId } from '../ids';
import { withoutVersion, type AssignmentOutcome, type AssignmentRecord, type HubStore } from '../store/hub-store';
import { transition, type Amendment, type Move } from './lifecycle-table';

/** A committed change of one conversation, told to listeners after its transaction commits. */
export interface ConversationChange {
  prev: Conversation | null;
  next: Conversation;
  move: Move | null;
  /** The offer this move made. */
  offered: AssignmentRecord | null;
  /** The offer this move answered (an accepted chat, a call picked up). */
  answered: AssignmentRecord | null;
  /** Assignments this move ended (offers answered elsewhere, declined or lapsed; handlers who let go). */
  released: AssignmentRecord[];
}

/** Where committed conversation states go: the event log and whoever may see them. */
export interface ConversationPublisher {
  /** Asked before the write (it may read who could see `prev`); the returned function publishes once the write is done. */
  conversationChanging(prev: Conversation | null, next: Conversation): () => void;
}

export interface Lifecycle {
  /** A new conversation, waiting in its queue (or with the self-service bot, when it comes with status `bot`). */
  open(conversation: Conversation, callId?: string | null): Conversation;
  /** Moves the conversation along the lifecycle table; a move that is not legal from where it stands changes nothing. */
  move(id: string, move: Move): Result<Conversation>;
  /** Changes fields outside the lifecycle; `change` sees the stored conversation (again, if someone wrote first) and may return null for "nothing to do". */
  amend(id: string, change: (current: Conversation) => Amendment | null): Result<Conversation>;
  onChanged(listener: (change: ConversationChange) => void): () => void;
}

/** The job that lets an open offer lapse at its deadline (routing/router.ts runs it). */
export const OFFER_EXPIRY_JOB = 'offer.expire';
export const offerExpiryKey = (offerId: string): string => `offer:${offerId}`;

/** Conditional writes that keep losing to other writers give up rather than spin. */
const MAX_ATTEMPTS = 5;
const waiting = (c: Conversation | null): boolean => c !== null && (c.status === 'queued' || c.status === 'offered');

/** What a move does to the assignments: which it ends (and why), and which it starts. */
interface AssignmentPlan {
  release: Array<{ assignment: AssignmentRecord; outcome: AssignmentOutcome }>;
  answer: AssignmentRecord | null;
  start: AssignmentRecord | null;
}

/**
 * The one writer of conversations. Every move is checked against the lifecycle table, written
 * only if nobody wrote the row since it was read (else read again and retried), and recorded in
 * the same transaction: assignments (offers and hand-overs), queue entries, and the event that
 * tells desktops. Listeners (routing, after-call work) hear of it once it has committed.
 */
export function createLifecycle(store: HubStore, publisher: ConversationPublisher, now: () => number = Date.now): Lifecycle {
  const listeners = new Set<(change: ConversationChange) => void>();

  const tell = (change: ConversationChange): void => store.afterCommit(() => listeners.forEach((l) => l(change)));

  function recordQueue(prev: Conversation | null, next: Conversation, at: number): void {
    if (waiting(next) && (!waiting(prev) || prev?.queue !== next.queue)) store.enterQueue(next.id, next.queue, at);
    if (waiting(prev) && !waiting(next)) store.leaveQueue(next.id, next.status === 'active' ? 'answered' : 'abandoned', at);
  }

  const newAssignment = (c: Conversation, agentId: string, at: number, expiresAt: number | null, answered: boolean): AssignmentRecord => ({
    id: newId(expiresAt === null ? 'asg' : 'off'),
    conversationId: c.id,
    agentId,
    queue: c.queue,
    channel: c.channel,
    offeredAt: at,
    expiresAt,
    answeredAt: answered ? at : null,
    releasedAt: null,
    outcome: null,
  });

  /** Checks the assignments a move names and says what it does to them; an offer that is gone makes the move fail. */
  function plan(current: Conversation, move: Move, at: number): Result<AssignmentPlan> {
    const open = store.openAssignments(current.id);
    const offers = open.filter((a) => a.answeredAt === null);
    const handlers = open.filter((a) => a.answeredAt !== null);
    const all = (outcome: (a: AssignmentRecord) => AssignmentOutcome) => open.map((assignment) => ({ assignment, outcome: outcome(assignment) }));
    const none: AssignmentPlan = { release: [], answer: null, start: null };
    switch (move.kind) {
      case 'offer':
        return ok({ ...none, start: newAssignment(current, move.agentId, at, move.expiresAt, false) });
      case 'answer': {
        const offer = move.offerId ? offers.find((a) => a.id === move.offerId && a.agentId === move.agentId) : offers.find((a) => a.agentId === move.agentId);
        if (move.offerId && !offer) return err('not_found', 'this offer is no longer open');
        const others = open.filter((a) => a !== offer).map((assignment) => ({ assignment, outcome: 'taken' as const }));
        return ok({ release: others, answer: offer ?? null, start: offer ? null : newAssignment(current, move.agentId, at, null, true) });
      }
      case 'release': {
        const offer = offers.find((a) => a.id === move.offerId);
        if (!offer) return err('not_found', 'this offer is no longer open');
        return ok({ ...none, release: [{ assignment: offer, outcome: move.reason }] });
      }
      case 'transfer':
        return ok({ ...none, release: all(() => 'transferred'), start: newAssignment(current, move.agentId, at, null, true) });
      case 'takeover':
        return ok({ ...none, release: all(() => 'taken'), start: newAssignment(current, move.agentId, at, null, true) });
      case 'requeue':
        return ok({ ...none, release: handlers.map((assignment) => ({ assignment, outcome: 'requeued' as const })) });
      case 'handoff':
        return ok(none);
      case 'end':
        // An answered call keeps its handler through after-call work; a call that never was answered lets everyone go.
        return ok({ ...none, release: current.status === 'active' ? offers.map((assignment) => ({ assignment, outcome: 'missed' as const })) : all((a) => (a.answeredAt === null ? 'missed' : 'abandoned')) });
      case 'close':
        return ok({ ...none, release: all((a) => (a.answeredAt === null ? 'withdrawn' : 'closed')) });
    }
  }

  /**
   * Read, decide, write if still unchanged; on losing to another writer, all over again. The write
   * and everything recorded with it share one transaction.
   */
  function write(id: string, decide: (current: Conversation, at: number) => Result<{ next: Conversation; plan: AssignmentPlan; move: Move | null } | null>): Result<Conversation> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = store.conversation(id);
      if (!stored) return err('not_found', 'no such conversation');
      const current = withoutVersion(stored);
      const at = now();
      const decided = decide(current, at);
      if (!decided.ok) return decided;
      if (decided.value === null) return ok(current);
      const { next, plan: assignments, move } = decided.value;
      const written = store.transaction(() => {
        const publish = publisher.conversationChanging(current, next);
        if (!store.updateConversation(next, stored.version)) return false;
        const released = assignments.release.map(({ assignment, outcome }) => {
          store.releaseAssignment(assignment.id, at, outcome);
          if (assignment.answeredAt === null) store.cancelJob(offerExpiryKey(assignment.id));
          return { ...assignment, releasedAt: at, outcome };
        });
        if (assignments.answer) {
          store.answerAssignment(assignments.answer.id, at);
          store.cancelJob(offerExpiryKey(assignments.answer.id));
        }
        if (assignments.start) {
          store.insertAssignment(assignments.start);
          // The offer lapses at its deadline even if this process is gone by then: the job is a row.
          const { id: offerId, expiresAt } = assignments.start;
          if (expiresAt !== null) store.scheduleJob({ key: offerExpiryKey(offerId), kind: OFFER_EXPIRY_JOB, runAt: expiresAt, payload: JSON.stringify({ offerId, conversationId: id }) });
        }
        recordQueue(current, next, at);
        publish();
        const offered = assignments.start && assignments.start.answeredAt === null ? assignments.start : null;
        tell({ prev: current, next, move, offered, answered: assignments.answer, released });
        return true;
      });
      if (written) return ok(next);
    }
    return err('conflict', 'the conversation kept changing; try again');
  }

  return {
    open(conversation, callId = null) {
      const withBot = conversation.status === 'bot';
      const next: Conversation = { ...conversation, status: withBot ? 'bot' : 'queued', assigneeId: null, ...(withBot ? { queuedAt: null } : {}) };
      store.transaction(() => {
        const publish = publisher.conversationChanging(null, next);
        store.insertConversation(next, callId);
        recordQueue(null, next, next.createdAt);
        publish();
        tell({ prev: null, next, move: null, offered: null, answered: null, released: [] });
      });
      return next;
    },
    move(id, move) {
      return write(id, (current, at) => {
        const next = transition(current, move, at);
        if (!next.ok) return next;
        const assignments = plan(current, move, at);
        if (!assignments.ok) return assignments;
        return ok({ next: next.value, plan: assignments.value, move });
      });
    },
    amend(id, change) {
      return write(id, (current, at) => {
        const amendment = change(current);
        if (amendment === null) return ok(null);
        return ok({ next: { ...current, ...amendment, updatedAt: at }, plan: { release: [], answer: null, start: null }, move: null });
      });
    },
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
