import type { AgentProfile } from '../../shared/domain/agent';
import type { Logger } from '../../shared/log';
import type { ConversationService } from '../conversation-service';
import type { Lifecycle } from '../conversations/lifecycle';
import type { HubStore } from '../store/hub-store';

export interface CallTransferDeps {
  store: HubStore;
  lifecycle: Lifecycle;
  conversations: Pick<ConversationService, 'systemNote'>;
  log: Logger;
  /** Call-ID → the caller's From-tag (keys pressed on that side are the caller's); follows the call. */
  callerTags: Map<string, string>;
  agentOf(sipUser: string): AgentProfile | null;
}

/**
 * The customer's phone, told by the agent's REFER, places a new call to `sipUser` (blind
 * transfer, or attended: that call replaces the agent's consultation). Kamailio asks twice: at
 * the REFER, naming the one-time name it gave the phone (xfer.…) as the new call, and when the
 * phone's call arrives, naming its Call-ID. The conversation goes with the call: it is keyed by
 * the newest Call-ID (so the old call's end does not end it) and assigned to the target when the
 * target is an agent. Idempotent; null when the call is no answered voice conversation.
 */
export function createCallTransfer(deps: CallTransferDeps) {
  const { store, lifecycle, conversations, log, callerTags } = deps;
  return (transfer: { callId: string; newCallId: string; sipUser: string }): { conversationId: string } | null => {
    const conversation = store.conversationByCallId(transfer.callId) ?? store.conversationByCallId(transfer.newCallId);
    if (!conversation || conversation.channel !== 'voice' || conversation.status !== 'active' || !conversation.call) return null;
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
    const tag = callerTags.get(transfer.callId);
    callerTags.delete(transfer.callId);
    if (tag) callerTags.set(transfer.newCallId, tag);
    if (handOver) {
      conversations.systemNote(conversation.id, `Call transferred to ${target.displayName}`);
      log.log('info', 'call transferred', { conversation: conversation.id, agent: target.id });
    }
    return { conversationId: conversation.id };
  };
}
