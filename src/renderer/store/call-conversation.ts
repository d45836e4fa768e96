import type { PhoneCall } from '../../shared/contracts/phone-contract';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer } from '../../shared/domain/customer';

const digits = (value: string): string => value.replace(/\D/g, '');

/** "+8613800138000" and "13800138000" are one phone: compare digits, allowing a country prefix. */
export function samePhone(a: string, b: string): boolean {
  const x = digits(a);
  const y = digits(b);
  if (x.length < 5 || y.length < 5) return false;
  return x === y || (x.length > y.length ? x.endsWith(y) : y.endsWith(x));
}

/**
 * The voice conversation behind a phone call: the one the hub tied to the call's SIP Call-ID,
 * else the newest open voice conversation of a customer whose phone is the caller's number.
 */
export function findCallConversation(
  call: Pick<PhoneCall, 'sipCallId' | 'remoteUser'>,
  conversations: readonly Conversation[],
  customers: Readonly<Record<string, Customer>>,
): Conversation | undefined {
  const exact = conversations.find((c) => c.call?.sipCallId === call.sipCallId);
  if (exact) return exact;
  return conversations
    .filter((c) => c.channel === 'voice' && c.status !== 'closed')
    .filter((c) => customers[c.customerId]?.identities.some((i) => i.kind === 'phone' && samePhone(i.value, call.remoteUser)))
    .sort((a, b) => b.createdAt - a.createdAt)[0];
}
