import type { Conversation } from '../../shared/domain/conversation';
import { VIP_TAG, type Customer } from '../../shared/domain/customer';

/** How much waiting one priority point is worth: a VIP (+10) counts as one minute ahead. */
export const AGING_MS_PER_POINT = 6_000;
export const VIP_PRIORITY = 10;
export const TAGGED_PRIORITY = 5;

export function contactPriority(customer: Pick<Customer, 'tags'> | null, conversation: Pick<Conversation, 'tags'>): number {
  return (customer?.tags.includes(VIP_TAG) ? VIP_PRIORITY : 0) + (conversation.tags.length > 0 ? TAGGED_PRIORITY : 0);
}

/**
 * The order key of a waiting contact: smaller goes first. Every contact ages at the same rate,
 * so "wait + priority bonus" compares the same at any moment and the key never needs updating;
 * a normal contact that has waited long enough overtakes a fresh VIP, so nobody starves.
 */
export function waitingKey(queuedAt: number, priority: number): number {
  return queuedAt - priority * AGING_MS_PER_POINT;
}
