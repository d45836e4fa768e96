import i18next from 'i18next';
import type { Offer } from '../../shared/domain/offer';
import { customerLabel } from '../lib/customer-label';
import { useAppStore } from './app-store';

const visitor = (tag: string): string => i18next.t('customer.visitor', { tag });

/** A customer's name as every screen shows it, for callers outside React (notifications, offers). */
export function customerNameOf(customerId: string): string {
  return customerLabel(useAppStore.getState().customers[customerId]?.name, customerId, visitor);
}

/** The name an offer shows: the hub's, or the same visitor label the inbox row will show. */
export function offerCustomerName(offer: Offer): string {
  const customerId = useAppStore.getState().conversations[offer.conversationId]?.customerId;
  return customerLabel(offer.customerName, customerId ?? offer.conversationId, visitor);
}
