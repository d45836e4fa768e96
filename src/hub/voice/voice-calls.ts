import type { CallRecord } from '../../shared/domain/call';
import type { Conversation } from '../../shared/domain/conversation';
import type { Logger } from '../../shared/log';
import type { AgentStates } from '../agent-states';
import type { ConversationService } from '../conversation-service';
import type { IdentityResolver } from '../identity/identity-resolver';
import type { Router } from '../routing/router';
import type { HubStore } from '../store/hub-store';

export type CallRouteDecision = { action: 'agent'; sipUser: string } | { action: 'queue' } | { action: 'busy' };
export type CallEventKind = 'ringing' | 'answered' | 'ended' | 'missed';

export interface VoiceCallDeps {
  store: HubStore;
  conversations: ConversationService;
  identities: IdentityResolver;
  router: Router;
  agentStates: AgentStates;
  log: Logger;
  now?: () => number;
}

/**
 * Staff SIP users without a configured name get this prefix, the one Kamailio's SB_AGENT_PREFIX
 * defaults to: only such users may mark a call as a supervision leg. A site that changes the
 * prefix configures each agent's sipUser.
 */
export const STAFF_SIP_PREFIX = 'agent-';

/** The SIP name an agent registers under: configured, or the login name in the staff namespace. */
export const sipUserOf = (agent: { username: string; sipUser?: string | null }): string => agent.sipUser ?? `${STAFF_SIP_PREFIX}${agent.username}`;

/** A call as the routing answer first sees it: Kamailio asks only about calls coming in. */
const newCallRecord = (sipCallId: string, caller: string): CallRecord => ({
  sipCallId,
  direction: 'inbound',
  caller,
  answeredAt: null,
  endedAt: null,
  missed: false,
  quality: null,
});

/** A conversation stored before call records existed gets one from what the event says. */
const recordOf = (conversation: Conversation, sipCallId: string, caller: string): CallRecord => conversation.call ?? newCallRecord(sipCallId, caller);

/**
 * Calls as conversations: the routing answer Kamailio asks for, and call events that move the
 * caller's voice conversation along. Kamailio may ask or report twice; each step is idempotent.
 */
export function createVoiceCalls(deps: VoiceCallDeps) {
  const { store, conversations, router, log } = deps;
  const now = deps.now ?? Date.now;

  function conversationFor(callId: string, queue: string, caller: string) {
    const existing = store.conversationByCallId(callId);
    if (existing) return existing;
    const { customer, changed } = store.transaction(() =>
      deps.identities.resolve({ primary: { kind: 'phone', value: caller, verified: false }, extra: [] }),
    );
    const conversation = conversations.open(customer, 'voice', queue, callId, newCallRecord(callId, caller));
    if (changed) conversations.publish({ kind: 'customer.upserted', customer });
    return conversation;
  }

  return {
    async routeCall(call: { queueNumber: string; caller: string; callId: string }): Promise<CallRouteDecision> {
      const queue = store.queues().find((q) => q.number === call.queueNumber);
      if (!queue) {
        log.log('warn', 'call for an unknown queue number', { number: call.queueNumber });
        return { action: 'busy' };
      }
      const conversation = conversationFor(call.callId, queue.id, call.caller);
      if (conversation.status === 'closed') return { action: 'busy' };
      if (conversation.assigneeId) {
        const agent = store.agent(conversation.assigneeId);
        if (agent) return { action: 'agent', sipUser: sipUserOf(agent) };
      }
      const decision = router.chooseCallAgent(queue.id);
      if (decision.action !== 'agent') return decision;
      const agent = store.agent(decision.agentId);
      if (!agent) return { action: 'queue' };
      conversations.updateConversation({ ...conversation, status: 'offered', assigneeId: agent.id, updatedAt: now() });
      log.log('info', 'call routed', { conversation: conversation.id, agent: agent.id });
      return { action: 'agent', sipUser: sipUserOf(agent) };
    },

    async callEvent(event: { callId: string; event: CallEventKind; caller: string; sipUser?: string; at: number }): Promise<void> {
      const conversation = store.conversationByCallId(event.callId);
      if (!conversation || conversation.status === 'closed') return;
      const sipUser = event.sipUser;
      const agent = sipUser
        ? (store.agentBySipUser(sipUser) ?? (sipUser.startsWith(STAFF_SIP_PREFIX) ? store.agentByUsername(sipUser.slice(STAFF_SIP_PREFIX.length)) : null))
        : null;
      switch (event.event) {
        case 'ringing':
          return;
        case 'answered':
          if (conversation.status === 'active') return;
          conversations.updateConversation({
            ...conversation,
            status: 'active',
            assigneeId: agent?.id ?? conversation.assigneeId,
            call: { ...recordOf(conversation, event.callId, event.caller), answeredAt: event.at },
            updatedAt: event.at,
          });
          conversations.systemNote(conversation.id, 'Call answered');
          return;
        case 'missed':
          if (conversation.status !== 'offered') return;
          // The agent did not pick up: the call waits in the queue again for the next routing answer.
          conversations.updateConversation({ ...conversation, status: 'queued', assigneeId: null, updatedAt: event.at });
          return;
        case 'ended': {
          const answered = conversation.status === 'active';
          conversations.updateConversation({
            ...conversation,
            status: 'closed',
            closedAt: event.at,
            assigneeId: answered ? conversation.assigneeId : null,
            call: { ...recordOf(conversation, event.callId, event.caller), endedAt: event.at, missed: !answered },
            updatedAt: event.at,
          });
          conversations.systemNote(conversation.id, answered ? 'Call ended' : 'Caller hung up before an answer');
          if (answered && conversation.assigneeId) deps.agentStates.startAfterCallWork(conversation.assigneeId);
          return;
        }
      }
    },
  };
}
export type VoiceCalls = ReturnType<typeof createVoiceCalls>;
