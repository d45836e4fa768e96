import type { AgentProfile } from '../../shared/domain/agent';
import type { Conversation } from '../../shared/domain/conversation';
import { canSeeConversation, seesEverything } from '../../shared/domain/visibility';

/** The feed everyone who sees everything (supervisors, admins) reads. */
export const ALL_SEEING_FEED = '*';

/** Whose feed a person reads: their own, or the shared one when they see everything. */
export const feedOwnerOf = (viewer: Pick<AgentProfile, 'id' | 'role'>): string => (seesEverything(viewer) ? ALL_SEEING_FEED : viewer.id);

type Agent = Pick<AgentProfile, 'id' | 'role' | 'queues'>;

/** The feeds that see a conversation in this state: the shared one, and each agent the rule lets see it. */
export function conversationAudience(agents: readonly Agent[], conversation: Pick<Conversation, 'assigneeId' | 'queue'> & { status?: Conversation['status'] }): Set<string> {
  const owners = new Set([ALL_SEEING_FEED]);
  for (const agent of agents) if (!seesEverything(agent) && canSeeConversation(agent, conversation)) owners.add(agent.id);
  return owners;
}

/** The feeds that see a customer: those that see any of their conversations. */
export function customerAudience(agents: readonly Agent[], conversations: ReadonlyArray<Pick<Conversation, 'assigneeId' | 'queue'> & { status?: Conversation['status'] }>): Set<string> {
  const owners = new Set([ALL_SEEING_FEED]);
  for (const c of conversations) for (const owner of conversationAudience(agents, c)) owners.add(owner);
  return owners;
}
