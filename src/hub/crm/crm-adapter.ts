import type { Order } from '../../shared/domain/order';
import type { Ticket } from '../../shared/domain/ticket';

export interface NewTicket {
  customerId: string;
  conversationId: string | null;
  title: string;
  description: string;
  priority: Ticket['priority'];
  createdBy: string | null;
}

/**
 * Where a customer's orders and tickets come from. The built-in adapter reads the hub's own
 * tables; a deployment with a real CRM or shop system implements this against its API.
 * Asynchronous because real ones are remote.
 */
export interface CrmAdapter {
  orders(customerIds: string[]): Promise<Order[]>;
  tickets(customerIds: string[]): Promise<Ticket[]>;
  createTicket(ticket: NewTicket): Promise<Ticket>;
}
