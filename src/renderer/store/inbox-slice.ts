import type { StateCreator } from 'zustand';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer } from '../../shared/domain/customer';
import type { Offer } from '../../shared/domain/offer';
import { defaultInboxFilter, type InboxFilter } from '../lib/inbox-query';
import type { AppStore } from './app-store';

/** What a row needs beyond the conversation itself, folded from the messages the desktop has seen. */
export interface ConversationMeta {
  /** When the oldest customer message still without an agent reply arrived. */
  awaitingSince: number | null;
  lastCustomerText: string | null;
}

export interface InboxSlice {
  conversations: Record<string, Conversation>;
  customers: Record<string, Customer>;
  messages: Record<string, WorkspaceMessage[]>;
  meta: Record<string, ConversationMeta>;
  unread: Record<string, number>;
  offers: Record<string, Offer>;
  selectedId: string | null;
  /** The row the keyboard cursor is on; distinct from the open conversation until Enter. */
  activeId: string | null;
  filter: InboxFilter;
  loadInbox(data: { conversations: Conversation[]; customers: Customer[]; offers: Offer[]; meta?: Array<ConversationMeta & { conversationId: string }> }): void;
  upsertConversation(conversation: Conversation): void;
  upsertCustomer(customer: Customer): void;
  setMessages(conversationId: string, messages: WorkspaceMessage[]): void;
  upsertMessage(message: WorkspaceMessage): void;
  addOffer(offer: Offer): void;
  removeOffer(offerId: string): void;
  select(conversationId: string | null): void;
  setActive(conversationId: string | null): void;
  setFilter(patch: Partial<InboxFilter>): void;
  resetInbox(): void;
}

const byId = <T extends { id: string }>(items: T[]): Record<string, T> => Object.fromEntries(items.map((i) => [i.id, i]));

/** A pending copy and the hub's copy of one reply share an idempotency key; keep only the newest. */
function mergeMessage(list: WorkspaceMessage[], message: WorkspaceMessage): WorkspaceMessage[] {
  const rest = list.filter((m) => m.id !== message.id && !(message.key !== null && m.key === message.key));
  return [...rest, message].sort((a, b) => a.createdAt - b.createdAt);
}

const NO_META: ConversationMeta = { awaitingSince: null, lastCustomerText: null };

/**
 * Internal notes never reach the customer, so they neither answer nor stop the SLA clock; nor does what the
 * self-service bot said (once handed off, the customer is owed a person's reply).
 */
export function foldMeta(meta: ConversationMeta, message: WorkspaceMessage): ConversationMeta {
  if (message.internal || message.authorKind === 'system' || message.authorKind === 'bot') return meta;
  if (message.direction === 'in') return { awaitingSince: meta.awaitingSince ?? message.createdAt, lastCustomerText: message.text || meta.lastCustomerText };
  return { ...meta, awaitingSince: null };
}

export const createInboxSlice: StateCreator<AppStore, [], [], InboxSlice> = (set) => ({
  conversations: {},
  customers: {},
  messages: {},
  meta: {},
  unread: {},
  offers: {},
  selectedId: null,
  activeId: null,
  filter: defaultInboxFilter,
  loadInbox: ({ conversations, customers, offers, meta = [] }) =>
    set({
      conversations: byId(conversations),
      customers: byId(customers),
      offers: byId(offers),
      meta: Object.fromEntries(meta.map(({ conversationId, ...m }) => [conversationId, m])),
    }),
  upsertConversation: (conversation) => set((s) => ({ conversations: { ...s.conversations, [conversation.id]: conversation } })),
  upsertCustomer: (customer) => set((s) => ({ customers: { ...s.customers, [customer.id]: customer } })),
  setMessages: (conversationId, messages) =>
    set((s) => ({
      messages: { ...s.messages, [conversationId]: messages },
      meta: { ...s.meta, [conversationId]: messages.reduce(foldMeta, NO_META) },
    })),
  upsertMessage: (message) =>
    set((s) => {
      const id = message.conversationId;
      const known = s.messages[id]?.some((m) => m.id === message.id || (message.key !== null && m.key === message.key)) ?? false;
      const countsAsUnread = !known && message.direction === 'in' && !message.internal && id !== s.selectedId;
      return {
        messages: { ...s.messages, [id]: mergeMessage(s.messages[id] ?? [], message) },
        meta: { ...s.meta, [id]: foldMeta(s.meta[id] ?? NO_META, message) },
        unread: countsAsUnread ? { ...s.unread, [id]: (s.unread[id] ?? 0) + 1 } : s.unread,
      };
    }),
  addOffer: (offer) => set((s) => ({ offers: { ...s.offers, [offer.id]: offer } })),
  removeOffer: (offerId) =>
    set((s) => {
      const { [offerId]: _gone, ...offers } = s.offers;
      return { offers };
    }),
  select: (selectedId) =>
    set((s) => {
      if (!selectedId) return { selectedId };
      const { [selectedId]: _read, ...unread } = s.unread;
      return { selectedId, activeId: selectedId, unread };
    }),
  setActive: (activeId) => set({ activeId }),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  resetInbox: () => set({ conversations: {}, customers: {}, messages: {}, meta: {}, unread: {}, offers: {}, selectedId: null, activeId: null }),
});
