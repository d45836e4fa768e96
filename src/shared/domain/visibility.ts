import type { AgentProfile } from './agent';
import type { Conversation } from './conversation';

/**
 * Who may see and act on what: one rule for the hub (which computes each event's audience from it),
 * the host and the renderer (inbox filter, composer). Pure, so every side judges the same way.
 */
export type Viewer = Pick<AgentProfile, 'id' | 'role' | 'queues'>;
type Sighted = Pick<Conversation, 'assigneeId' | 'queue'> & { status?: Conversation['status'] };

/** Supervisors and admins see every conversation and every customer. */
export const seesEverything = (viewer: Pick<AgentProfile, 'role'>): boolean => viewer.role !== 'agent';

/**
 * An agent sees what is assigned to them or sits in one of their queues; a conversation still with the
 * self-service bot only once it is handed off (then with everything the bot said).
 */
export function canSeeConversation(viewer: Viewer, conversation: Sighted): boolean {
  if (seesEverything(viewer)) return true;
  if (conversation.status === 'bot') return false;
  return conversation.assigneeId === viewer.id || viewer.queues.includes(conversation.queue);
}

/** Acting on a conversation (reply, close, transfer) needs it assigned to you, unless you supervise. */
export function canActOn(viewer: Pick<AgentProfile, 'id' | 'role'>, conversation: Pick<Conversation, 'assigneeId'>): boolean {
  return seesEverything(viewer) || conversation.assigneeId === viewer.id;
}

/** A customer is visible through any of their conversations the viewer may see. */
export function canSeeCustomer(viewer: Viewer, conversations: readonly Sighted[]): boolean {
  return seesEverything(viewer) || conversations.some((c) => canSeeConversation(viewer, c));
}
