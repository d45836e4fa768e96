import { sipApiSecret } from '../sip/sip-api-secret';
import type { CountryCode } from 'libphonenumber-js/max';
import type { CallRecord, RecordingPolicy } from '../../shared/domain/call';
import type { Conversation } from '../../shared/domain/conversation';
import type { Logger } from '../../shared/log';
import type { ConversationService } from '../conversation-service';
import type { Lifecycle } from '../conversations/lifecycle';
import type { IdentityResolver } from '../identity/identity-resolver';
import type { Router } from '../routing/router';
import type { CallOrigin, RouteDecision, RouteQuery } from '../sip/sip-routes';
import type { JobWorker } from '../jobs/job-worker';
import type { HubStore } from '../store/hub-store';
import { customerIdOfVisitorCaller } from '../channels/widget-call';
import { parseDidMap } from './did-map';
import type { DtmfEvent } from './dtmf-listener';
import type { CallRecorder } from './call-recorder';
import type { HoldAudio } from './hold-audio';
import { createWaitingCalls, kamailioWaitingControl, type WaitingControl } from './waiting-calls';
import { createCallTransfer } from './call-transfer';

/** Before Kamailio continues a waiting call, its hold session ends (and a released caller hears the goodbye first). */
function withHoldAudio(control: WaitingControl, hold: HoldAudio | undefined): WaitingControl {
  if (!hold) return control;
  return {
    async send(call, decision) {
      if (decision.action === 'release') await hold.goodbye(call.callId);
      await hold.stop(call.callId);
      return control.send(call, decision);
    },
  };
}
import { toE164 } from './phone-number';
import { sameCaller } from './same-caller';

export type CallRouteDecision = RouteDecision;
export type CallEventKind = 'ringing' | 'answered' | 'ended' | 'missed';

export interface VoiceCallDeps {
  store: HubStore;
  conversations: ConversationService;
  lifecycle: Lifecycle;
  identities: IdentityResolver;
  router: Router;
  log: Logger;
  now?: () => number;
  /** The trunk's numbering: national numbers follow defaultCountry's plan; dids maps dialled numbers to queues (SIP_DIDS). */
  numbering?: { defaultCountry: CountryCode; dids: string; kamailioUrl?: string; maxWait?: string; secret?: string; apiSecret?: string; dtmfListen?: string };
  /** Greeting, position and hold music for waiting callers, through rtpengine; ringback only without it. */
  hold?: HoldAudio;
  /** Call recording in rtpengine, by each queue's policy; calls are not recorded without it. */
  recorder?: CallRecorder;
  /** Durable jobs: the wait for a transferred call's new call (call-transfer.ts). */
  jobs?: () => Pick<JobWorker, 'schedule' | 'cancel'>;
  /** How long a transferred call's new call may take to arrive before the conversation returns to its agent. */
  transferArrivalMs?: number;
}

/** "300" or "voice=120,vip=60,300": seconds per queue, the bare number for every other queue. */
export function parseMaxWait(text: string): (queue: string) => number {
  const perQueue = new Map<string, number>();
  let fallback = 300;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [queue, seconds] = part.includes('=') ? part.split('=') : [null, part];
    if (queue) perQueue.set(queue.trim(), Number(seconds));
    else fallback = Number(seconds);
  }
  return (queue) => (perQueue.get(queue) ?? fallback) * 1000;
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
const newCallRecord = (sipCallId: string, caller: string, direction: CallRecord['direction'] = 'inbound', recordingPolicy: RecordingPolicy = 'never'): CallRecord => ({
  sipCallId,
  direction,
  caller,
  answeredAt: null,
  endedAt: null,
  missed: false,
  quality: null,
  recordingPolicy,
});

/** A conversation stored before call records existed gets one from what the event says. */
const recordOf = (conversation: Conversation, sipCallId: string, caller: string): CallRecord => conversation.call ?? newCallRecord(sipCallId, caller);

/**
 * Calls as conversations: the routing answer Kamailio asks for, and call events that move the
 * caller's voice conversation along. Kamailio may ask or report twice; each step is idempotent.
 */
export function createVoiceCalls(deps: VoiceCallDeps) {
  const { store, conversations, lifecycle, router, log } = deps;
  const now = deps.now ?? Date.now;

  const moved = (what: string, result: { ok: boolean; error?: { message: string } }, conversationId: string): boolean => {
    if (!result.ok) log.log('info', `call ${what} left the conversation as it was`, { conversation: conversationId, detail: result.error?.message });
    return result.ok;
  };

  const defaultCountry: CountryCode = deps.numbering?.defaultCountry ?? 'CN';
  /** Call-ID → the caller's From-tag, while the call lasts: keys pressed on that side are the caller's. */
  const callerTags = new Map<string, string>();
  /** The agent behind a SIP user: configured, or a login name in the staff namespace. */
  const agentOf = (sipUser: string) => store.agentBySipUser(sipUser) ?? (sipUser.startsWith(STAFF_SIP_PREFIX) ? store.agentByUsername(sipUser.slice(STAFF_SIP_PREFIX.length)) : null);
  const MAX_TRACKED_CALLS = 10_000;
  const maxWaitMs = parseMaxWait(deps.numbering?.maxWait ?? '300');
  const kamailioUrl = deps.numbering?.kamailioUrl;
  /** Kamailio's control without the hold audio's goodbye (a callback's caller hears their own confirmation). */
  const kamailio = kamailioUrl
    ? kamailioWaitingControl(kamailioUrl, deps.numbering?.secret ? sipApiSecret({ secret: deps.numbering.secret, apiSecret: deps.numbering.apiSecret }) : '', log)
    : null;
  /** Callers are offered a callback only where the hub hears the key they press (rtpengine's DTMF reports). */
  const callbacksOffered = !!deps.numbering?.dtmfListen;
  const waiting = kamailio
    ? createWaitingCalls({
        control: withHoldAudio(kamailio, deps.hold),
        priorityOf: (id) => {
          const c = store.conversation(id);
          return c && c.status !== 'closed' ? c.priority : null;
        },
        chooseAgent: (call) => {
          const decision = router.chooseCallAgent(call.queue);
          const agent = decision.action === 'agent' ? store.agent(decision.agentId) : null;
          return agent ? { sipUser: sipUserOf(agent), agentId: agent.id } : null;
        },
        offered: (call, agentId) => {
          // Offered like any call: the lifecycle's offer move, and the agent gets the voice Offer
          // (a callback's offer is accepted in the app, which then dials the customer).
          const offer = router.offerCall(call.conversationId, agentId);
          if (!offer.ok) log.log('warn', 'waiting call offer failed', { conversation: call.conversationId, detail: offer.error.message });
          log.log('info', 'waiting call routed', { conversation: call.conversationId, agent: agentId });
        },
        released: (call) => {
          const c = store.conversation(call.conversationId);
          if (!c || c.status === 'closed' || c.status === 'wrap_up') return;
          const at = now();
          // Never answered: the call ends, abandoned.
          const ended = lifecycle.move(c.id, { kind: 'end', amend: { call: c.call ? { ...c.call, endedAt: at, missed: true } : null } });
          if (ended.ok) conversations.systemNote(c.id, 'Caller released after the longest wait of the queue');
        },
        maxWaitMs,
        log,
        now,
      })
    : null;
  const waitingTimer = waiting ? setInterval(() => void waiting.tick(), 1000) : null;
  waitingTimer?.unref();

  /** A callback waits in its queue: in the waiting order by when it first queued, until an agent accepts it. */
  function keepCallbackWaiting(c: Conversation): void {
    const call = c.call;
    if (!waiting || c.channel !== 'voice' || c.status !== 'queued' || !call?.callback || call.callback.dialledAt !== null || waiting.isWaiting(call.sipCallId)) return;
    waiting.add({ callId: call.sipCallId, conversationId: c.id, queue: c.queue, tindex: -1, tlabel: -1, since: c.queuedAt ?? c.createdAt, callback: true });
  }
  // Callbacks outlive the hub process (they are queued conversations); an offer that lapses or is declined puts one back.
  for (const c of store.conversationsByStatus('queued')) keepCallbackWaiting(c);
  const unsubscribe = lifecycle.onChanged(({ next }) => keepCallbackWaiting(next));

  /** The waiting caller pressed 1: their place becomes a callback task, and they hear the confirmation and are let go. */
  async function requestCallback(conversation: Conversation, callId: string): Promise<void> {
    const call = conversation.call;
    if (!waiting || !kamailio || !call || call.callback || !call.caller.startsWith('+')) return;
    const entry = waiting.toCallback(callId);
    if (!entry) return;
    const at = now();
    const saved = lifecycle.amend(conversation.id, (c) => (c.call && !c.call.callback ? { call: { ...c.call, callback: { number: c.call.caller, requestedAt: at, dialledAt: null } } } : null));
    if (!saved.ok) {
      log.log('warn', 'a callback could not be stored; the caller keeps waiting', { conversation: conversation.id, detail: saved.error.message });
      waiting.add({ ...entry, callback: false });
      return;
    }
    conversations.systemNote(conversation.id, 'Caller asked to be called back and hung up; the callback keeps their place in the queue');
    log.log('info', 'callback requested', { conversation: conversation.id });
    await deps.hold?.goodbye(callId, 'callback-confirmed');
    await deps.hold?.stop(callId);
    await kamailio.send(entry, { action: 'release' });
  }

  /** The agent who accepted a callback dials the customer: that call becomes the callback conversation's call. */
  function callbackFor(agentId: string, number: string, callId: string): Conversation | null {
    const task = store
      .conversationsByStatus('active')
      .find((c) => c.channel === 'voice' && c.assigneeId === agentId && c.call?.callback && c.call.callback.dialledAt === null && c.call.callback.number === number);
    if (!task?.call?.callback) return null;
    const at = now();
    const bound = lifecycle.amend(task.id, (c) =>
      c.call?.callback && c.call.callback.dialledAt === null
        ? { call: { ...c.call, sipCallId: callId, direction: 'outbound', answeredAt: null, endedAt: null, missed: false, callback: { ...c.call.callback, dialledAt: at } } }
        : null,
    );
    if (!bound.ok || bound.value.call?.sipCallId !== callId) return null;
    conversations.systemNote(task.id, 'Calling the customer back');
    return bound.value;
  }
  const dids = parseDidMap(deps.numbering?.dids ?? '', defaultCountry);
  const policyOf = (queue: string): RecordingPolicy => deps.recorder?.policyOf(queue) ?? 'never';

  function customerFor(phone: string) {
    return store.transaction(() => deps.identities.resolve({ primary: { kind: 'phone', value: phone, verified: false }, extra: [] }));
  }

  /** A visitor's customer as the hub named it in their credentials, following merges. */
  function visitorCustomer(caller: string) {
    const id = customerIdOfVisitorCaller(caller);
    let customer = id ? store.customer(id) : null;
    for (let hops = 0; customer?.mergedInto && hops < 10; hops++) customer = store.customer(customer.mergedInto);
    return customer;
  }

  function conversationFor(callId: string, queue: string, caller: string, origin: CallOrigin) {
    const existing = store.conversationByCallId(callId);
    if (existing) return existing;
    const visitor = origin === 'visitor' ? visitorCustomer(caller) : null;
    if (visitor) {
      // The hub minted this caller's credentials for this customer: the call is theirs, proven, beside their chat.
      return conversations.open(visitor, 'voice', queue, callId, newCallRecord(callId, caller));
    }
    const { customer, changed, unverified } = customerFor(caller);
    // A caller ID proves nothing: the desk shows the call as an unproven sender's, like an email From.
    const conversation = conversations.open(customer, 'voice', queue, callId, newCallRecord(callId, caller, 'inbound', policyOf(queue)), unverified);
    if (changed) conversations.publish({ kind: 'customer.upserted', customer });
    return conversation;
  }

  const waitingIn = (queue: string): boolean => {
    for (const c of store.conversationsByStatus('queued')) if (c.channel === 'voice' && c.queue === queue && c.call?.sipCallId && waiting?.isWaiting(c.call.sipCallId)) return true;
    return false;
  };

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
    if (existing) {
      // [#17 C16] Only the agent who placed this call, to the same number, gets the same answer again.
      if (existing.call?.caller === number && existing.assigneeId === agent.id) return { action: 'external', number, conversationId: existing.id };
      log.log('warn', 'route query for a known call from someone else refused', { conversation: existing.id });
      return { action: 'busy' };
    }
    const callback = callbackFor(agent.id, number, call.callId);
    if (callback) {
      log.log('info', 'callback dialled', { conversation: callback.id, agent: agent.id });
      return { action: 'external', number, conversationId: callback.id };
    }
    const queue = store.queues().find((q) => q.number && agent.queues.includes(q.id)) ?? store.queues().find((q) => q.number);
    if (!queue) return { action: 'busy' };
    // The agent chose whom to call: the customer who holds that number (proven) is the one called.
    const known = store.customerByIdentity('phone', number);
    const { customer, changed } = known ? { customer: known, changed: false } : customerFor(number);
    const opened = conversations.open(customer, 'voice', queue.id, call.callId, newCallRecord(call.callId, number, 'outbound', policyOf(queue.id)));
    if (changed) conversations.publish({ kind: 'customer.upserted', customer });
    moved('dial', lifecycle.move(opened.id, { kind: 'answer', agentId: agent.id }), opened.id);
    log.log('info', 'outbound call', { conversation: opened.id, agent: agent.id });
    return { action: 'external', number, conversationId: opened.id };
  }

  return {
    async routeCall(call: RouteQuery): Promise<CallRouteDecision> {
      const queue = queueFor(call.queueNumber, call.origin);
      if (call.origin === 'visitor' && !visitorCustomer(call.caller)) {
        log.log('warn', 'visitor call refused: no such customer');
        return { action: 'busy' };
      }
      if (!queue) {
        // Only staff dial out; a visitor reaches queue numbers and nothing else.
        if (call.origin === 'staff') return dialOut(call);
        log.log('warn', 'call for an unknown number', { number: call.queueNumber, origin: call.origin });
        return { action: 'busy' };
      }
      const caller = call.origin === 'trunk' ? (toE164(call.caller, defaultCountry) ?? call.caller) : call.caller;
      const known = store.conversationByCallId(call.callId);
      if (known && !sameCaller(known, caller, defaultCountry)) {
        // [#17 C16] Someone else naming a call in progress learns nothing and changes nothing.
        log.log('warn', 'route query for a known call from another caller refused', { conversation: known.id });
        return { action: 'busy' };
      }
      if (call.fromTag && (callerTags.has(call.callId) || callerTags.size < MAX_TRACKED_CALLS)) callerTags.set(call.callId, call.fromTag);
      const conversation = conversationFor(call.callId, queue.id, caller, call.origin);
      if (conversation.status === 'closed' || conversation.status === 'wrap_up') return { action: 'busy' };
      const conversationId = conversation.id;
      // Kamailio may ask again for the same call: the agent it is already offered to (or handled by) stays the answer.
      const holder = conversation.assigneeId ?? store.openOffers().find((o) => o.conversationId === conversationId)?.agentId ?? null;
      if (holder) {
        const agent = store.agent(holder);
        if (agent) return { action: 'agent', sipUser: sipUserOf(agent), conversationId };
      }
      // Someone already waits in this queue: the new caller waits behind them, in order.
      const decision = waiting && waitingIn(queue.id) ? { action: 'queue' as const } : router.chooseCallAgent(queue.id);
      if (decision.action === 'busy' && !waiting) return decision;
      if (decision.action !== 'agent') return waiting ? { action: 'queue', conversationId, maxWaitSeconds: maxWaitMs(queue.id) / 1000 } : { action: 'queue', conversationId };
      const agent = store.agent(decision.agentId);
      if (!agent) return { action: 'queue', conversationId };
      // Offered like a chat: the offer stays open while the phone rings, and the call's events settle it.
      const offer = router.offerCall(conversationId, agent.id);
      if (!offer.ok) {
        log.log('warn', 'call offer failed', { conversation: conversationId, detail: offer.error.message });
        return { action: 'queue', conversationId };
      }
      log.log('info', 'call routed', { conversation: conversationId, agent: agent.id, offer: offer.value.id });
      return { action: 'agent', sipUser: sipUserOf(agent), conversationId };
    },

    /**
     * Kamailio suspended a waiting caller's INVITE: the call waits for an agent. With the caller's
     * offer, the answer is rtpengine's SDP for a 183: the caller hears the prompts and hold music.
     */
    async callWaiting(call: { callId: string; tindex: number; tlabel: number; fromTag?: string; sdp?: string }): Promise<{ sdp?: string }> {
      const conversation = store.conversationByCallId(call.callId);
      if (!waiting || !conversation || conversation.status === 'closed') return {};
      waiting.add({ callId: call.callId, conversationId: conversation.id, queue: conversation.queue, tindex: call.tindex, tlabel: call.tlabel });
      if (!deps.hold || !call.sdp || !call.fromTag) return {};
      try {
        const offerCallback = callbacksOffered && !!conversation.call?.caller.startsWith('+');
        const sdp = await deps.hold.start({ callId: call.callId, fromTag: call.fromTag, sdp: call.sdp, position: waiting.position(call.callId), offerCallback });
        return { sdp };
      } catch (cause) {
        log.log('warn', 'no hold audio for a waiting caller: ringback only', { detail: cause instanceof Error ? cause.message : String(cause) });
        return {};
      }
    },

    stop(): void {
      if (waitingTimer) clearInterval(waitingTimer);
      unsubscribe();
    },

    /** A key rtpengine saw on a call: the caller's keys go on the conversation for the agent to see. */
    callerPressed(event: DtmfEvent): void {
      const tag = callerTags.get(event.callId);
      if (!tag || tag !== event.sourceTag) return;
      const conversation = store.conversationByCallId(event.callId);
      if (!conversation || conversation.status === 'closed') return;
      if (event.digit === '1' && callbacksOffered && waiting?.get(event.callId) && !waiting.get(event.callId)?.callback) {
        void requestCallback(conversation, event.callId).catch((cause: unknown) => log.log('error', 'callback request failed', { detail: String(cause) }));
        return;
      }
      conversations.systemNote(conversation.id, `Caller pressed ${event.digit}`);
    },

    /** The customer's phone called a transfer target: the conversation follows the call (call-transfer.ts). */
    callTransferred: createCallTransfer({
      store,
      lifecycle,
      conversations,
      log,
      callerTags,
      agentOf,
      now,
      ...(deps.jobs ? { jobs: deps.jobs } : {}),
      ...(deps.transferArrivalMs ? { arrivalTimeoutMs: deps.transferArrivalMs } : {}),
    }),

    async callEvent(event: { callId: string; event: CallEventKind; caller: string; sipUser?: string; at: number }): Promise<void> {
      const conversation = store.conversationByCallId(event.callId);
      if (conversation && !sameCaller(conversation, event.caller, defaultCountry)) {
        // [#17 C16] An event naming a known call with another caller is not that call's: it changes nothing.
        log.log('warn', 'call event for a known call from another caller ignored', { conversation: conversation.id, event: event.event });
        return;
      }
      // A callback's caller has hung up on purpose: the task keeps its place until an agent dials them.
      const callbackWaiting = !!conversation?.call?.callback && conversation.call.callback.dialledAt === null && (conversation.status === 'queued' || conversation.status === 'offered');
      if (event.event === 'ended') {
        callerTags.delete(event.callId);
        if (!callbackWaiting) waiting?.remove(event.callId);
        void deps.hold?.stop(event.callId);
      }
      if (callbackWaiting) return;
      if (!conversation || conversation.status === 'closed' || conversation.status === 'wrap_up') return;
      const sipUser = event.sipUser;
      const agent = sipUser ? agentOf(sipUser) : null;
      const call = recordOf(conversation, event.callId, event.caller);
      switch (event.event) {
        case 'ringing':
          // The offer made with the routing answer stays open while the phone rings.
          return;
        case 'answered': {
          if (conversation.call?.answeredAt != null) return;
          // [#17 C16] Answered by the agent the call was offered to (or who placed it), or it changes nothing.
          const expected = conversation.status === 'active' ? conversation.assigneeId : (store.openOffers().find((o) => o.conversationId === conversation.id)?.agentId ?? null);
          if (sipUser && expected && agent?.id !== expected) {
            log.log('warn', 'a call was reported answered by another agent than the one it rings', { conversation: conversation.id });
            return;
          }
          // An agent's own outbound call is theirs from the start: only the answer time is new.
          if (conversation.status === 'active') {
            moved('answer', lifecycle.amend(conversation.id, () => ({ call: { ...call, answeredAt: event.at } })), conversation.id);
            conversations.systemNote(conversation.id, 'Call answered');
            await deps.recorder?.answered(conversation.id);
            return;
          }
          const agentId = agent?.id ?? store.openOffers().find((o) => o.conversationId === conversation.id)?.agentId;
          if (!agentId) {
            log.log('warn', 'a call was answered by nobody the hub knows', { conversation: conversation.id, sipUser: event.sipUser ?? '' });
            return;
          }
          if (moved('answer', lifecycle.move(conversation.id, { kind: 'answer', agentId, amend: { call: { ...call, answeredAt: event.at } } }), conversation.id)) {
            conversations.systemNote(conversation.id, 'Call answered');
            await deps.recorder?.answered(conversation.id);
          }
          return;
        }
        case 'missed':
          if (call.direction === 'outbound' && call.answeredAt == null) {
            // Nobody picked up (or no gateway took it): the attempt stays in the customer's history, and the agent owes its disposition.
            if (moved('miss', lifecycle.move(conversation.id, { kind: 'end', amend: { call: { ...call, endedAt: event.at, missed: true } } }), conversation.id)) {
              conversations.systemNote(conversation.id, 'Outbound call not answered');
            }
            return;
          }
          if (conversation.status !== 'offered') return;
          // The agent did not pick up: the offer lapses and the call waits in the queue again for the next routing answer.
          for (const offer of store.openAssignments(conversation.id)) {
            if (offer.answeredAt === null) moved('miss', lifecycle.move(conversation.id, { kind: 'release', offerId: offer.id, reason: 'missed' }), conversation.id);
          }
          return;
        case 'ended': {
          const answered = conversation.status === 'active' && (call.direction !== 'outbound' || call.answeredAt != null);
          // Answered (or the agent's own dialling): after-call work until the disposition; never answered: closed, abandoned.
          if (moved('end', lifecycle.move(conversation.id, { kind: 'end', amend: { call: { ...call, endedAt: event.at, missed: !answered } } }), conversation.id)) {
            conversations.systemNote(conversation.id, answered ? 'Call ended' : 'Caller hung up before an answer');
          }
          deps.recorder?.ended(conversation.id);
          return;
        }
      }
    },
  };
}
export type VoiceCalls = ReturnType<typeof createVoiceCalls>;
