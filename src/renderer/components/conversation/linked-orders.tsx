import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../shared/domain/conversation';

/** The orders this conversation is about (named by the platform, pasted by the customer, or the order a notice they answered was about). */
export function LinkedOrders({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const orderIds = conversation.orderIds ?? [];
  if (orderIds.length === 0) return null;
  return (
    <ul className="insight-badges plain" aria-label={t('conversation.linked_orders')} data-testid="linked-orders">
      {orderIds.map((id) => (
        <li key={id} className="badge" data-testid="linked-order">
          {t('conversation.linked_order', { number: id })}
        </li>
      ))}
    </ul>
  );
}
