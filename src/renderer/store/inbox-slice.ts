import type { StateCreator } from 'zustand';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer } from '../../shared/domain/customer';
import type { Offer } from '../../shared/domain/offer';
import type { AppStore } from './app-store';

export interface InboxSlice {
  conversations: Record<string, Conversation>;
  customers: Record<string, Customer>;
  messages: Record<string, WorkspaceMessage[]>;
  offers: Record<string, Offer>;
  selectedId: string | null;
  loadInbox(data: { conversations: Conversation[]; customers: Customer[]; offers: Offer[] }): void;
  upsertConversation(conversation: Conversation): void;
  upsertCustomer(customer: Customer): void;
  setMessages(conversationId: string, messages: WorkspaceMessage[]): void;
  upsertMessage(message: WorkspaceMessage): void;
  addOffer(offer: Offer): void;
  removeOffer(offerId: string): void;
  select(conversationId: string | null): void;
  resetInbox(): void;
}

const byId = <T extends { id: string }>(items: T[]): Record<string, T> => Object.fromEntries(items.map((i) => [i.id, i]));

/** A pending copy and the hub's copy of one reply share an idempotency key; keep only the newest. */
function mergeMessage(list: WorkspaceMessage[], message: WorkspaceMessage): WorkspaceMessage[] {
  const rest = list.filter((m) => m.id !== message.id && !(message.key !== null && m.key === message.key));
  return [...rest, message].sort((a, b) => a.createdAt - b.createdAt);
}

export const createInboxSlice: StateCreator<AppStore, [], [], InboxSlice> = (set) => ({
  conversations: {},
  customers: {},
  messages: {},
  offers: {},
  selectedId: null,
  loadInbox: ({ conversations, customers, offers }) =>
    set({ conversations: byId(conversations), customers: byId(customers), offers: byId(offers) }),
  upsertConversation: (conversation) => set((s) => ({ conversations: { ...s.conversations, [conversation.id]: conversation } })),
  upsertCustomer: (customer) => set((s) => ({ customers: { ...s.customers, [customer.id]: customer } })),
  setMessages: (conversationId, messages) => set((s) => ({ messages: { ...s.messages, [conversationId]: messages } })),
  upsertMessage: (message) =>
    set((s) => ({ messages: { ...s.messages, [message.conversationId]: mergeMessage(s.messages[message.conversationId] ?? [], message) } })),
  addOffer: (offer) => set((s) => ({ offers: { ...s.offers, [offer.id]: offer } })),
  removeOffer: (offerId) =>
    set((s) => {
      const { [offerId]: _gone, ...offers } = s.offers;
      return { offers };
    }),
  select: (selectedId) => set({ selectedId }),
  resetInbox: () => set({ conversations: {}, customers: {}, messages: {}, offers: {}, selectedId: null }),
});
