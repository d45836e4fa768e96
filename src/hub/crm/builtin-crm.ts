import type { Ticket } from '../../shared/domain/ticket';
import { newId } from '../ids';
import type { HubStore } from '../store/hub-store';
import type { CrmAdapter } from './crm-adapter';

/** The CRM a hub has with no other configured: its own orders and tickets tables. */
export function createBuiltinCrm(store: HubStore, now: () => number = Date.now): CrmAdapter {
  return {
    orders: async (ids) => store.ordersOf(ids),
    tickets: async (ids) => store.ticketsOf(ids),
    async createTicket(input) {
      const at = now();
      const ticket: Ticket = { id: newId('tkt'), status: 'open', createdAt: at, updatedAt: at, ...input };
      store.insertTicket(ticket);
      return ticket;
    },
  };
}
