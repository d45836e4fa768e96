import type { Conversation } from '../../shared/domain/conversation';
import { DEFAULT_REPLY_SECONDS, type QueueSla } from '../../shared/domain/queue-sla';

/** SLA targets in seconds, as the hub names them per queue. */
export type SlaTargets = Pick<QueueSla, 'slaSeconds' | 'replySeconds'>;

/**
 * For a queue the hub has not named to this desktop (a hub from before queue targets, or a queue
 * added since its last welcome): a wait and a reply target that suit most queues.
 */
export const FALLBACK_TARGETS: SlaTargets = { slaSeconds: 60, replySeconds: DEFAULT_REPLY_SECONDS };

/**
 * When the running SLA clock expires, or null when nothing is owed to the customer. `targets` are
 * the hub's for the conversation's queue; undefined when the hub has not named that queue.
 */
export function slaDueAt(conversation: Conversation, awaitingSince: number | null, targets: SlaTargets | undefined): number | null {
  const { slaSeconds, replySeconds } = targets ?? FALLBACK_TARGETS;
  switch (conversation.status) {
    case 'queued':
    case 'offered':
      // The hub restarts the wait when a contact re-enters a queue (a transfer to a queue): count from there.
      return (conversation.queuedAt ?? conversation.createdAt) + slaSeconds * 1000;
    case 'active':
      return awaitingSince === null ? null : awaitingSince + replySeconds * 1000;
    case 'bot':
    case 'wrap_up':
    case 'closed':
      return null;
  }
}

/** Whole seconds left (negative once breached), rounded toward "less time left". */
export function secondsLeft(dueAt: number, now: number): number {
  return Math.floor((dueAt - now) / 1000);
}

/** `m:ss`, with a leading minus once breached; digits only, so it reads the same in every locale. */
export function formatCountdown(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}
