import type { Conversation } from '../shared/domain/conversation';
import type { HubStore } from './store/hub-store';
import { canSeeConversation } from './visibility';

/**
 * Agents who could see a conversation before a change and cannot after it: their chat transferred
 * to a queue they do not serve, or handed to someone else outside their queues, or a call they were
 * offered going back to a queue not theirs. The change's own event is not for them, nor is any
 * later one, so their desktop would keep the conversation as it last saw it (theirs, open) for
 * good; one copy of the new state stored for each of them alone tells them it has left. Supervisors
 * and admins see every conversation, so they never lose one.
 */
export function formerViewers(store: Pick<HubStore, 'agents'>, prev: Conversation, next: Conversation): string[] {
  if (prev.queue === next.queue && prev.assigneeId === next.assigneeId) return [];
  return store
    .agents()
    .filter((a) => canSeeConversation(a, prev) && !canSeeConversation(a, next))
    .map((a) => a.id);
}
