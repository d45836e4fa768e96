import type { Conversation } from '../../shared/domain/conversation';

/**
 * Response targets in seconds. The hub keeps queue SLAs to itself (its welcome frame does not
 * carry them), so the desktop mirrors the demo hub's queue targets and falls back to a default.
 */
const queueWaitSeconds: Readonly<Record<string, number>> = { chat: 30, voice: 20, vip: 10 };
const DEFAULT_QUEUE_WAIT_SECONDS = 60;
/** How long a customer may wait for the agent's next reply in an active conversation. */
const replySeconds: Readonly<Record<string, number>> = { vip: 60 };
const DEFAULT_REPLY_SECONDS = 120;

/** When the running SLA clock expires, or null when nothing is owed to the customer. */
export function slaDueAt(conversation: Conversation, awaitingSince: number | null): number | null {
  switch (conversation.status) {
    case 'queued':
    case 'offered':
      // The hub restarts the wait when a contact re-enters a queue (a transfer to a queue): count from there.
      return (conversation.queuedAt ?? conversation.createdAt) + (queueWaitSeconds[conversation.queue] ?? DEFAULT_QUEUE_WAIT_SECONDS) * 1000;
    case 'active':
      return awaitingSince === null ? null : awaitingSince + (replySeconds[conversation.queue] ?? DEFAULT_REPLY_SECONDS) * 1000;
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
