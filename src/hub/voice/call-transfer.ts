import { z } from 'zod';
import type { AgentProfile } from '../../shared/domain/agent';
import type { Logger } from '../../shared/log';
import type { ConversationService } from '../conversation-service';
import type { Lifecycle } from '../conversations/lifecycle';
import type { JobWorker } from '../jobs/job-worker';
import type { HubStore } from '../store/hub-store';

/** A transferred call whose new call never arrived goes back to the agent who transferred it (a durable job). */
export const TRANSFER_ARRIVAL_JOB = 'call.transfer-arrival';
const arrivalKey = (pendingCallId: string): string => `transfer-arrival:${pendingCallId}`;
const arrivalPayload = z.object({
  conversationId: z.string().min(1).max(100),
  /** The one-time name the REFER gave the phone's new call (xfer.…): still the conversation's call when it never came. */
  pendingCallId: z.string().min(1).max(300),
  /** The call the transferring agent held. */
  previousCallId: z.string().min(1).max(300),
  fromAgentId: z.string().min(1).max(100),
});

export interface CallTransferDeps {
  store: HubStore;
  lifecycle: Lifecycle;
  conversations: Pick<ConversationService, 'systemNote'>;
  log: Logger;
  /** Call-ID → the caller's From-tag (keys pressed on that side are the caller's); follows the call. */
  callerTags: Map<string, string>;
  agentOf(sipUser: string): AgentProfile | null;
  /** Epoch milliseconds (tests pass a clock). */
  now?: () => number;
  /** Where the wait for a transfer's new call is kept; without it, a call that never arrives is left with the target. */
  jobs?: () => Pick<JobWorker, 'schedule' | 'cancel'>;
  /** How long the phone's new call may take to arrive (TRANSFER_ARRIVAL_MS; default a minute). */
  arrivalTimeoutMs?: number;
}

export interface TransferAsk {
  callId: string;
  newCallId: string;
  /** The transfer target's SIP user. */
  sipUser: string;
  /** The SIP user whose phone sent the REFER, as Kamailio saw it. */
  referrer: string;
}

/** The conversation the new call belongs to; refused: the referrer does not hold the call (nothing changed); null: no such call. */
export type TransferAnswer = { conversationId: string } | { refused: string } | null;

export interface CallTransfer {
  (transfer: TransferAsk): TransferAnswer;
  /** The TRANSFER_ARRIVAL_JOB: the new call has not come; the conversation returns to the agent who transferred it. */
  arrivalDue(payload: unknown): void;
}

/** As long as Kamailio keeps a transfer's one-time name (htable sbxfer autoexpire). */
const GRANT_TTL_MS = 5 * 60_000;

/**
 * The customer's phone, told by the agent's REFER, places a new call to `sipUser` (blind
 * transfer, or attended: that call replaces the agent's consultation). Kamailio asks twice: at
 * the REFER, naming the one-time name it gave the phone (xfer.…) as the new call, and when the
 * phone's call arrives, naming its Call-ID. The conversation goes with the call: it is keyed by
 * the newest Call-ID (so the old call's end does not end it) and assigned to the target when the
 * target is an agent. Idempotent; null when the call is no answered voice conversation.
 *
 * Only the agent who holds the call may transfer it: the referrer must be the conversation's
 * assignee, or (for the second ask, once the first has handed the call over) the agent whose
 * checked REFER gave the new call its name. Anyone else is refused and nothing changes.
 */
export function createCallTransfer(deps: CallTransferDeps): CallTransfer {
  const { store, lifecycle, conversations, log, callerTags } = deps;
  const now = deps.now ?? Date.now;
  /** One-time call name a checked REFER gave → whose REFER, for which conversation. Bounded by the TTL. */
  const grants = new Map<string, { conversationId: string; agentId: string; at: number }>();
  const prune = (): void => {
    for (const [name, grant] of grants) if (now() - grant.at > GRANT_TTL_MS) grants.delete(name);
  };
  const granted = (name: string, conversationId: string, agentId: string): boolean => {
    const grant = grants.get(name);
    return !!grant && grant.conversationId === conversationId && grant.agentId === agentId;
  };

  const arrivalTimeoutMs = deps.arrivalTimeoutMs ?? 60_000;

  const transferred = (transfer: TransferAsk): TransferAnswer => {
    prune();
    const conversation = store.conversationByCallId(transfer.callId) ?? store.conversationByCallId(transfer.newCallId);
    if (!conversation || conversation.channel !== 'voice' || conversation.status !== 'active' || !conversation.call) return null;
    const referrer = deps.agentOf(transfer.referrer);
    const assignee = !!referrer && referrer.id === conversation.assigneeId;
    const holds = assignee || (!!referrer && (granted(transfer.callId, conversation.id, referrer.id) || granted(transfer.newCallId, conversation.id, referrer.id)));
    if (!referrer || !holds) {
      log.log('warn', 'call transfer by an agent who does not hold the call refused', { conversation: conversation.id, referrer: transfer.referrer });
      return { refused: 'the referrer does not hold this call' };
    }
    if (conversation.call.sipCallId === transfer.newCallId) return { conversationId: conversation.id };
    const target = deps.agentOf(transfer.sipUser);
    const call = { ...conversation.call, sipCallId: transfer.newCallId };
    // The second ask only re-keys the conversation the first one moved.
    const handOver = !!target && target.id !== conversation.assigneeId;
    const result = handOver
      ? lifecycle.move(conversation.id, { kind: 'transfer', agentId: target.id, amend: { call } })
      : lifecycle.amend(conversation.id, () => ({ call }));
    if (!result.ok) {
      log.log('info', 'call transfer left the conversation as it was', { conversation: conversation.id, detail: result.error.message });
      return null;
    }
    // Only the holder's REFER names a new call; the call that follows it names no further one.
    if (assignee) grants.set(transfer.newCallId, { conversationId: conversation.id, agentId: referrer.id, at: now() });
    const tag = callerTags.get(transfer.callId);
    callerTags.delete(transfer.callId);
    if (tag) callerTags.set(transfer.newCallId, tag);
    // The call the REFER named has come: nothing to wait for any more.
    deps.jobs?.().cancel(arrivalKey(transfer.callId));
    if (handOver) {
      conversations.systemNote(conversation.id, `Call transferred to ${target.displayName}`);
      log.log('info', 'call transferred', { conversation: conversation.id, agent: target.id });
      if (assignee) {
        const payload: z.infer<typeof arrivalPayload> = { conversationId: conversation.id, pendingCallId: transfer.newCallId, previousCallId: transfer.callId, fromAgentId: referrer.id };
        deps.jobs?.().schedule(TRANSFER_ARRIVAL_JOB, arrivalKey(transfer.newCallId), now() + arrivalTimeoutMs, payload);
      }
    }
    return { conversationId: conversation.id };
  };

  const arrivalDue = (input: unknown): void => {
    const job = arrivalPayload.parse(input);
    const conversation = store.conversation(job.conversationId);
    // The new call came (the conversation is keyed by it), or the conversation has moved on: nothing to undo.
    if (!conversation || conversation.status !== 'active' || conversation.call?.sipCallId !== job.pendingCallId) return;
    const from = store.agent(job.fromAgentId);
    const result = lifecycle.move(conversation.id, { kind: 'transfer', agentId: job.fromAgentId, amend: { call: { ...conversation.call, sipCallId: job.previousCallId } } });
    if (!result.ok) {
      log.log('warn', 'a transfer whose call never came could not return to its agent', { conversation: conversation.id, detail: result.error.message });
      return;
    }
    const tag = callerTags.get(job.pendingCallId);
    callerTags.delete(job.pendingCallId);
    if (tag) callerTags.set(job.previousCallId, tag);
    conversations.systemNote(conversation.id, `The transferred call never reached the new agent; returned to ${from?.displayName ?? 'the transferring agent'}`);
    log.log('warn', 'transferred call never arrived: returned to the transferring agent', { conversation: conversation.id, agent: job.fromAgentId });
  };

  return Object.assign(transferred, { arrivalDue });
}
