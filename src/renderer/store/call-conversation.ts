import type { PhoneCall } from '../../shared/contracts/phone-contract';
import type { Conversation } from '../../shared/domain/conversation';

/**
 * The voice conversation behind a phone call: the one Kamailio named in the INVITE (from the hub's
 * routing answer), else the one the hub tied to the call's SIP Call-ID (an agent's outbound call).
 * Never a guess from the caller's number: one customer can hold several calls at once.
 */
export function findCallConversation(call: Pick<PhoneCall, 'sipCallId' | 'conversationId'>, conversations: readonly Conversation[]): Conversation | undefined {
  if (call.conversationId) {
    const named = conversations.find((c) => c.id === call.conversationId);
    if (named) return named;
  }
  return conversations.find((c) => c.call?.sipCallId === call.sipCallId);
}
