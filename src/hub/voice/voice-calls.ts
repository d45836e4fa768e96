import type { CountryCode } from 'libphonenumber-js/max';
import type { CallRecord } from '../../shared/domain/call';
import type { Conversation } from '../../shared/domain/conversation';
import type { Logger } from '../../shared/log';
import type { AgentStates } from '../agent-states';
import type { ConversationService } from '../conversation-service';
import type { IdentityResolver } from '../identity/identity-resolver';
import type { Router } from '../routing/router';
import type { CallOrigin, RouteDecision, RouteQuery } from '../sip/sip-routes';
import type { HubStore } from '../store/hub-store';
import { parseDidMap } from './did-map';
import { toE164 } from './phone-number';

export type CallRouteDecision = RouteDecision;
export type CallEventKind = 'ringing' | 'answered' | 'ended' | 'missed';

export interface VoiceCallDeps {
  store: HubStore;
  conversations: ConversationService;
  identities: IdentityResolver;
  router: Router;
  agentStates: AgentStates;
  log: Logger;
  now?: () => number;
  /** The trunk's numbering: national numbers follow defaultCountry's plan; dids maps dialled numbers to queues (SIP_DIDS). */
  numbering?: { defaultCountry: CountryCode; dids: string };
}

/**
 * Staff SIP users without a configured name get this prefix, the one Kamailio's SB_AGENT_PREFIX
 * defaults to: only such users may mark a call as a supervision leg. A site that changes the
 * prefix configures each agent's sipUser.
 */
export const STAFF_SIP_PREFIX = 'agent-';

/** The SIP name an agent registers under: configured, or the login name in the staff namespace. */
export const sipUserOf = (agent: { username: string; sipUser?: string | null }): string => agent.sipUser ?? `${STAFF_SIP_PREFIX}${agent.username}`;

/** A call as the routing answer first sees it. */
const newCallRecord = (sipCallId: string, caller: string, direction: CallRecord['direction'] = 'inbound'): CallRecord => ({
  sipCallId,
  direction,
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

  const defaultCountry: CountryCode = deps.numbering?.defaultCountry ?? 'CN';
  const dids = parseDidMap(deps.numbering?.dids ?? '', defaultCountry);

  function customerFor(phone: string) {
    return store.transaction(() => deps.identities.resolve({ primary: { kind: 'phone', value: phone, verified: false }, extra: [] }));
  }

  function conversationFor(callId: string, queue: string, caller: string) {
    const existing = store.conversationByCallId(callId);
    if (existing) return existing;
    const { customer, changed } = customerFor(caller);
    const conversation = conversations.open(customer, 'voice', queue, callId, newCallRecord(callId, caller));
    if (changed) conversations.publish({ kind: 'customer.upserted', customer });
    return conversation;
  }

  /** The queue a dialled number reaches: a DID from the trunk (in E.164), else a queue's own number. */
  function queueFor(number: string, origin: CallOrigin) {
    const queues = store.queues();
    if (origin === 'trunk') {
      const e164 = toE164(number, defaultCountry);
      const queueId = e164 ? dids.get(e164) : undefined;
      if (queueId) return queues.find((q) => q.id === queueId) ?? null;
    }
    return queues.find((q) => q.number === number) ?? null;
  }

  /** An agent dials a customer: the call is filed under that customer's voice conversation, assigned to the agent. */
  function dialOut(call: RouteQuery): RouteDecision {
    const agent = store.agentBySipUser(call.caller) ?? (call.caller.startsWith(STAFF_SIP_PREFIX) ? store.agentByUsername(call.caller.slice(STAFF_SIP_PREFIX.length)) : null);
    const number = toE164(call.queueNumber, defaultCountry);
    if (!agent || !number) {
      log.log('warn', 'outbound call refused', { reason: agent ? 'not a phone number' : 'unknown agent' });
      return { action: 'busy' };
    }
    const existing = store.conversationByCallId(call.callId);
    if (existing) return { action: 'external', number, conversationId: existing.id };
    const queue = store.queues().find((q) => q.number && agent.queues.includes(q.id)) ?? store.queues().find((q) => q.number);
    if (!queue) return { action: 'busy' };
    // The agent chose whom to call: the customer who holds that number (proven) is the one called.
    const known = store.customerByIdentity('phone', number);
    const { customer, changed } = known ? { customer: known, changed: false } : customerFor(number);
    const opened = conversations.open(customer, 'voice', queue.id, call.callId, newCallRecord(call.callId, number, 'outbound'));
    if (changed) conversations.publish({ kind: 'customer.upserted', customer });
    conversations.updateConversation({ ...opened, status: 'active', assigneeId: agent.id, updatedAt: now() });
    log.log('info', 'outbound call', { conversation: opened.id, agent: agent.id });
    return { action: 'external', number, conversationId: opened.id };
  }

  return {
    async routeCall(call: RouteQuery): Promise<CallRouteDecision> {
      const queue = queueFor(call.queueNumber, call.origin);
      if (!queue) {
        if (call.origin === 'staff') return dialOut(call);
        log.log('warn', 'call for an unknown number', { number: call.queueNumber, origin: call.origin });
        return { action: 'busy' };
      }
      const caller = call.origin === 'trunk' ? (toE164(call.caller, defaultCountry) ?? call.caller) : call.caller;
      const conversation = conversationFor(call.callId, queue.id, caller);
      if (conversation.status === 'closed') return { action: 'busy' };
      if (conversation.assigneeId) {
        const agent = store.agent(conversation.assigneeId);
        if (agent) return { action: 'agent', sipUser: sipUserOf(agent), conversationId: conversation.id };
      }
      const decision = router.chooseCallAgent(queue.id);
      if (decision.action !== 'agent') return decision;
      const agent = store.agent(decision.agentId);
      if (!agent) return { action: 'queue' };
      conversations.updateConversation({ ...conversation, status: 'offered', assigneeId: agent.id, updatedAt: now() });
      log.log('info', 'call routed', { conversation: conversation.id, agent: agent.id });
      return { action: 'agent', sipUser: sipUserOf(agent), conversationId: conversation.id };
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
          if (conversation.status === 'active' && conversation.call?.answeredAt != null) return;
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
          if (conversation.call?.direction === 'outbound' && conversation.call.answeredAt == null) {
            // Nobody picked up (or no gateway took it): the attempt stays in the customer's history.
            conversations.updateConversation({
              ...conversation,
              status: 'closed',
              closedAt: event.at,
              call: { ...conversation.call, endedAt: event.at, missed: true },
              updatedAt: event.at,
            });
            conversations.systemNote(conversation.id, 'Outbound call not answered');
            return;
          }
          if (conversation.status !== 'offered') return;
          // The agent did not pick up: the call waits in the queue again for the next routing answer.
          conversations.updateConversation({ ...conversation, status: 'queued', assigneeId: null, updatedAt: event.at });
          return;
        case 'ended': {
          const answered = conversation.status === 'active' && (conversation.call?.direction !== 'outbound' || conversation.call.answeredAt != null);
          conversations.updateConversation({
            ...conversation,
            status: 'closed',
            closedAt: event.at,
            assigneeId: answered || conversation.call?.direction === 'outbound' ? conversation.assigneeId : null,
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
