import type { StateCreator } from 'zustand';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer } from '../../shared/domain/customer';
import type { Offer } from '../../shared/domain/offer';
import type { InboxRowState } from '../../shared/contracts/workspace-contract';
import { defaultInboxFilter, matchesInbox, type InboxFilter } from '../lib/inbox-query';
import { applyChange, emptyInboxWindow, windowFromPage, type InboxChangeInput, type InboxWindow } from '../lib/inbox-window';
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
  /** The rows of the inbox the list holds (the visible ones and some either side), read from the host's SQL. */
  inbox: InboxWindow;
  /** A window the host answered for `generation`; dropped when the filter changed since it was asked for. */
  showInboxPage(page: InboxPageData, generation: number): void;
  /** A change from the host (its `inboxChange` event): moves, adds or drops one row without a reload. */
  applyInboxChange(change: InboxChangeInput): void;
  /** Many changes in one store update (one render). */
  applyInboxChanges(changes: readonly InboxChangeInput[]): void;
  addOffers(offers: Offer[]): void;
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

export interface InboxPageData {
  conversations: Conversation[];
  customers: Customer[];
  meta: Array<ConversationMeta & { conversationId: string }>;
  start: number;
  total: number;
}

/**
 * What stays in memory besides the window: the open conversation, the ones with messages or offers
 * in hand, and the agent's own open ones (calls and wrap-up find theirs there).
 */
function keptOutsideWindow(s: AppStore, c: Conversation): boolean {
  return c.id === s.selectedId || s.messages[c.id] !== undefined || (c.status !== 'closed' && c.assigneeId !== null && c.assigneeId === s.agent?.id) ||
    Object.values(s.offers).some((o) => o.conversationId === c.id);
}

const holds = (s: AppStore, inbox: InboxWindow, c: Conversation): boolean =>
  s.conversations[c.id] !== undefined || inbox.ids.includes(c.id) || keptOutsideWindow(s, c);

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

/** What the inbox holds before the first sync and after a reset (the filter survives a reset). */
const emptyInboxContents = (): Pick<InboxSlice, 'conversations' | 'customers' | 'messages' | 'meta' | 'unread' | 'offers' | 'selectedId' | 'activeId'> => ({
  conversations: {},
  customers: {},
  messages: {},
  meta: {},
  unread: {},
  offers: {},
  selectedId: null,
  activeId: null,
});

export const createInboxSlice: StateCreator<AppStore, [], [], InboxSlice> = (set, get) => ({
  ...emptyInboxContents(),
  filter: defaultInboxFilter,
  inbox: emptyInboxWindow,
  showInboxPage: (page, generation) =>
    set((s) => {
      if (generation !== s.inbox.generation) return {};
      const inWindow = new Set(page.conversations.map((c) => c.id));
      const conversations: Record<string, Conversation> = {};
      for (const c of Object.values(s.conversations)) if (inWindow.has(c.id) || keptOutsideWindow(s, c)) conversations[c.id] = c;
      for (const c of page.conversations) conversations[c.id] = c;
      const meta: Record<string, ConversationMeta> = {};
      for (const id in s.meta) if (conversations[id]) meta[id] = s.meta[id]!;
      for (const { conversationId, ...m } of page.meta) meta[conversationId] = m;
      return { conversations, meta, customers: { ...s.customers, ...byId(page.customers) }, inbox: windowFromPage(page, generation) };
    }),
  applyInboxChange: (change) => get().applyInboxChanges([change]),
  applyInboxChanges: (changes) =>
    set((s) => {
      const shown = (row: InboxRowState) => matchesInbox(row, s.filter, s.agent?.id ?? null, s.agent ?? undefined);
      const conversations = { ...s.conversations };
      let inbox = s.inbox;
      for (const change of changes) inbox = applyChange(inbox, change, shown);
      for (const { conversation } of changes) if (holds(s, inbox, conversation)) conversations[conversation.id] = conversation;
      return { conversations, inbox };
    }),
  addOffers: (offers) => set((s) => ({ offers: { ...s.offers, ...byId(offers) } })),
  // Held only where the inbox window, the open conversation, an offer or the agent's own work needs it: a catch-up of thousands never lands in memory.
  upsertConversation: (conversation) =>
    set((s) => (holds(s, s.inbox, conversation) ? { conversations: { ...s.conversations, [conversation.id]: conversation } } : {})),
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
  // A new filter is a new list: the window is read again from the top.
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch }, inbox: { ...emptyInboxWindow, generation: s.inbox.generation + 1 } })),
  resetInbox: () =>
    set((s) => ({ ...emptyInboxContents(), inbox: { ...emptyInboxWindow, generation: s.inbox.generation + 1 } })),
});
