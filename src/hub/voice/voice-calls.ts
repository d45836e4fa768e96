import type { CallRecord } from '../../shared/domain/call';
import type { Conversation } from '../../shared/domain/conversation';
import type { Logger } from '../../shared/log';
import type { ConversationService } from '../conversation-service';
import type { Lifecycle } from '../conversations/lifecycle';
import type { IdentityResolver } from '../identity/identity-resolver';
import type { Router } from '../routing/router';
import type { HubStore } from '../store/hub-store';

export type CallRouteDecision = { action: 'agent'; sipUser: string; conversationId: string } | { action: 'queue'; conversationId: string } | { action: 'busy' };
export type CallEventKind = 'ringing' | 'answered' | 'ended' | 'missed';

export interface VoiceCallDeps {
  store: HubStore;
  conversations: ConversationService;
  lifecycle: Lifecycle;
  identities: IdentityResolver;
  router: Router;
  log: Logger;
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
  const { store, conversations, lifecycle, router, log } = deps;

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

  const agentFor = (sipUser: string | undefined) =>
    sipUser ? (store.agentBySipUser(sipUser) ?? (sipUser.startsWith(STAFF_SIP_PREFIX) ? store.agentByUsername(sipUser.slice(STAFF_SIP_PREFIX.length)) : null)) : null;

  const moved = (what: string, result: { ok: boolean; error?: { message: string } }, conversationId: string): void => {
    if (!result.ok) log.log('info', `call ${what} left the conversation as it was`, { conversation: conversationId, detail: result.error?.message });
  };

  return {
    async routeCall(call: { queueNumber: string; caller: string; callId: string }): Promise<CallRouteDecision> {
      const queue = store.queues().find((q) => q.number === call.queueNumber);
      if (!queue) {
        log.log('warn', 'call for an unknown queue number', { number: call.queueNumber });
        return { action: 'busy' };
      }
      const conversation = conversationFor(call.callId, queue.id, call.caller);
      if (conversation.status === 'closed' || conversation.status === 'wrap_up') return { action: 'busy' };
      const conversationId = conversation.id;
      // Kamailio may ask again for the same call: the agent it is already offered to (or handled by) stays the answer.
      const holder = conversation.assigneeId ?? store.openOffers().find((o) => o.conversationId === conversationId)?.agentId ?? null;
      if (holder) {
        const agent = store.agent(holder);
        if (agent) return { action: 'agent', sipUser: sipUserOf(agent), conversationId };
      }
      const decision = router.chooseCallAgent(queue.id);
      if (decision.action === 'busy') return decision;
      if (decision.action === 'queue') return { action: 'queue', conversationId };
      const agent = store.agent(decision.agentId);
      if (!agent) return { action: 'queue', conversationId };
      const offer = router.offerCall(conversationId, agent.id);
      if (!offer.ok) {
        log.log('warn', 'call offer failed', { conversation: conversationId, detail: offer.error.message });
        return { action: 'queue', conversationId };
      }
      log.log('info', 'call routed', { conversation: conversationId, agent: agent.id, offer: offer.value.id });
      return { action: 'agent', sipUser: sipUserOf(agent), conversationId };
    },

    async callEvent(event: { callId: string; event: CallEventKind; caller: string; sipUser?: string; at: number }): Promise<void> {
      const conversation = store.conversationByCallId(event.callId);
      if (!conversation || conversation.status === 'closed' || conversation.status === 'wrap_up') return;
      const agent = agentFor(event.sipUser);
      const call = recordOf(conversation, event.callId, event.caller);
      switch (event.event) {
        case 'ringing':
          // The offer made with the routing answer stays open while the phone rings.
          return;
        case 'answered': {
          if (conversation.status === 'active') return;
          const agentId = agent?.id ?? store.openOffers().find((o) => o.conversationId === conversation.id)?.agentId;
          if (!agentId) {
            log.log('warn', 'a call was answered by nobody the hub knows', { conversation: conversation.id, sipUser: event.sipUser ?? '' });
            return;
          }
          const answered = lifecycle.move(conversation.id, { kind: 'answer', agentId, amend: { call: { ...call, answeredAt: event.at } } });
          moved('answer', answered, conversation.id);
          if (answered.ok) conversations.systemNote(conversation.id, 'Call answered');
          return;
        }
        case 'missed': {
          if (conversation.status !== 'offered') return;
          // The agent did not pick up: the call waits in the queue again for the next routing answer.
          for (const offer of store.openAssignments(conversation.id)) {
            if (offer.answeredAt === null) moved('miss', lifecycle.move(conversation.id, { kind: 'release', offerId: offer.id, reason: 'missed' }), conversation.id);
          }
          return;
        }
        case 'ended': {
          const answered = conversation.status === 'active';
          const ended = lifecycle.move(conversation.id, { kind: 'end', amend: { call: { ...call, endedAt: event.at, missed: !answered } } });
          moved('end', ended, conversation.id);
          if (ended.ok) conversations.systemNote(conversation.id, answered ? 'Call ended' : 'Caller hung up before an answer');
          return;
        }
      }
    },
  };
}
export type VoiceCalls = ReturnType<typeof createVoiceCalls>;
