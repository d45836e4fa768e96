import type { Conversation, ConversationStatus } from '../../shared/domain/conversation';
import { err, ok, type Result } from '../../shared/result';

/** Fields any writer may change without moving the conversation along its lifecycle. */
export type Amendment = Partial<
  Pick<
    Conversation,
    'customerId' | 'priority' | 'tags' | 'lastMessageAt' | 'preview' | 'lastInboundChannel' | 'orderIds' | 'summary' | 'call' | 'dispositionNote' | 'insight'
  >
>;

/** Why an offer ends without being answered. */
export type OfferEnd = 'declined' | 'expired' | 'withdrawn' | 'missed';

/**
 * Every way a conversation moves. `amend` rides along for fields the move brings with it (a call's
 * answer time, a summary written at close).
 */
export type Move = (
  | { kind: 'offer'; agentId: string; expiresAt: number }
  | { kind: 'answer'; agentId: string; offerId?: string }
  | { kind: 'release'; offerId: string; reason: OfferEnd }
  | { kind: 'transfer'; agentId: string }
  | { kind: 'requeue'; queue: string; reason: 'transfer' | 'overflow' | 'intent' }
  /** The self-service bot gives the conversation to the people of its queue. */
  | { kind: 'handoff' }
  | { kind: 'takeover'; agentId: string }
  | { kind: 'end' }
  | { kind: 'close'; disposition: string; dispositionNote: string | null }
) & { amend?: Amendment };
export type MoveKind = Move['kind'];

/**
 * The legal moves, written down (SIP.js keeps its session states the same way): from which statuses
 * each move may start, and where it leads.
 *
 *   bot ──handoff──► queued  (the self-service bot hands off; requeue keeps it with the bot)
 *   queued ──offer──► offered ──answer──► active ──end──► wrap_up ──close──► closed
 *     ▲  ▲              │                  │  ▲                               ▲
 *     │  └───release────┘                  │  └─transfer (another agent)      │
 *     └──────────requeue (to a queue)──────┘                                  │
 *   takeover: bot | queued | offered | active → active (a supervisor takes it)│
 *   close: any open status → closed (with a disposition; the bot's own) ──────┘
 *   end:   a call that stops before an answer goes queued | offered → closed
 */
export const lifecycleTable: Record<MoveKind, { from: readonly ConversationStatus[]; to: (current: Conversation) => ConversationStatus }> = {
  offer: { from: ['queued'], to: () => 'offered' },
  answer: { from: ['queued', 'offered'], to: () => 'active' },
  release: { from: ['offered'], to: () => 'queued' },
  transfer: { from: ['active'], to: () => 'active' },
  requeue: { from: ['bot', 'queued', 'active'], to: (c) => (c.status === 'bot' ? 'bot' : 'queued') },
  handoff: { from: ['bot'], to: () => 'queued' },
  takeover: { from: ['bot', 'queued', 'offered', 'active'], to: () => 'active' },
  end: { from: ['queued', 'offered', 'active'], to: (c) => (c.status === 'active' ? 'wrap_up' : 'closed') },
  close: { from: ['bot', 'queued', 'offered', 'active', 'wrap_up'], to: () => 'closed' },
};

const describe: Record<ConversationStatus, string> = {
  bot: 'with the self-service bot',
  queued: 'waiting in a queue',
  offered: 'being offered',
  active: 'being handled',
  wrap_up: 'in after-call work',
  closed: 'closed',
};

/** The conversation after `move`, or why the move is not legal from where it stands. Pure. */
export function transition(current: Conversation, move: Move, at: number): Result<Conversation> {
  const edge = lifecycleTable[move.kind];
  if (!edge.from.includes(current.status)) return err('conflict', `cannot ${move.kind} a conversation that is ${describe[current.status]}`);
  const next: Conversation = { ...current, ...move.amend, status: edge.to(current), updatedAt: at };
  switch (move.kind) {
    case 'offer':
    case 'release':
      return ok({ ...next, assigneeId: null });
    case 'answer':
    case 'transfer':
    case 'takeover':
      return ok({ ...next, assigneeId: move.agentId });
    case 'requeue':
      return ok({ ...next, assigneeId: null, queue: move.queue, queuedAt: current.status === 'queued' ? current.queuedAt : at });
    case 'handoff':
      // Waiting (and the service level) counts from the hand-off: the bot's part is not time in the queue.
      return ok({ ...next, assigneeId: null, queuedAt: at });
    case 'end':
      return ok(next.status === 'closed' ? { ...next, assigneeId: null, closedAt: at } : next);
    case 'close':
      return ok({ ...next, closedAt: current.closedAt ?? at, disposition: move.disposition, dispositionNote: move.dispositionNote });
  }
}
