import type { Channel } from '../shared/domain/channel';
import type { Conversation } from '../shared/domain/conversation';
import type { Customer, Identity } from '../shared/domain/customer';
import type { Attachment, Message } from '../shared/domain/message';
import type { NewHubEvent } from '../shared/protocol/hub-events';
import { err, ok, type Result } from '../shared/result';
import type { EventBus } from './event-bus';
import { newId } from './ids';
import type { HubStore } from './store/hub-store';

export interface InboundMessage {
  channel: Channel;
  identity: Pick<Identity, 'kind' | 'value'> & { verified?: boolean };
  customerName?: string;
  text: string;
  attachments?: Attachment[];
  /** The channel's own message id, so a redelivered webhook is stored once. */
  key: string | null;
  queue: string;
}

export interface ConversationService {
  publish(event: NewHubEvent): void;
  ingest(inbound: InboundMessage): Result<{ message: Message; conversation: Conversation; created: boolean }>;
  reply(agentId: string, conversationId: string, text: string, internal: boolean, key: string): Result<Message>;
  updateConversation(conversation: Conversation): void;
  onOutbound(listener: (message: Message, conversation: Conversation) => void): () => void;
  onQueued(listener: () => void): () => void;
}

const PREVIEW_LENGTH = 120;

export function createConversationService(store: HubStore, bus: EventBus, now: () => number = Date.now): ConversationService {
  const outboundListeners = new Set<(m: Message, c: Conversation) => void>();
  const queuedListeners = new Set<() => void>();

  const publish = (event: NewHubEvent): void => bus.publish(store.appendEvent(event, now()));

  function findOrCreateCustomer(inbound: InboundMessage): { customer: Customer; created: boolean } {
    const existing = store.customerByIdentity(inbound.identity.kind, inbound.identity.value);
    if (existing) return { customer: existing, created: false };
    const customer: Customer = {
      id: newId('cus'),
      name: inbound.customerName?.trim() || inbound.identity.value.slice(0, 40),
      tags: [],
      identities: [{ kind: inbound.identity.kind, value: inbound.identity.value, verified: inbound.identity.verified ?? false }],
      createdAt: now(),
    };
    store.insertCustomer(customer);
    return { customer, created: true };
  }

  return {
    publish,
    ingest(inbound) {
      if (inbound.key) {
        const seen = store.messageByKey(inbound.key);
        const conversation = seen ? store.conversation(seen.conversationId) : null;
        if (seen && conversation) return ok({ message: seen, conversation, created: false });
      }
      const result = store.transaction(() => {
        const { customer, created: newCustomer } = findOrCreateCustomer(inbound);
        if (newCustomer) publish({ kind: 'customer.upserted', customer });
        let conversation = store.openConversation(customer.id, inbound.channel);
        const at = now();
        const created = conversation === null;
        if (!conversation) {
          conversation = {
            id: newId('conv'),
            customerId: customer.id,
            channel: inbound.channel,
            status: 'queued',
            queue: inbound.queue,
            assigneeId: null,
            priority: customer.tags.includes('VIP') ? 10 : 0,
            tags: [],
            createdAt: at,
            updatedAt: at,
            lastMessageAt: at,
            preview: '',
          };
          store.insertConversation(conversation);
        }
        const message: Message = {
          id: newId('msg'),
          conversationId: conversation.id,
          channel: inbound.channel,
          direction: 'in',
          authorKind: 'customer',
          authorId: customer.id,
          text: inbound.text,
          attachments: inbound.attachments ?? [],
          internal: false,
          key: inbound.key,
          createdAt: at,
        };
        store.insertMessage(message);
        conversation = { ...conversation, updatedAt: at, lastMessageAt: at, preview: inbound.text.slice(0, PREVIEW_LENGTH) };
        store.updateConversation(conversation);
        publish({ kind: 'conversation.upserted', conversation });
        publish({ kind: 'message.created', message });
        return { message, conversation, created };
      });
      if (result.created) queuedListeners.forEach((l) => l());
      return ok(result);
    },
    reply(agentId, conversationId, text, internal, key) {
      const seen = store.messageByKey(key);
      if (seen) return ok(seen);
      const conversation = store.conversation(conversationId);
      if (!conversation) return err('not_found', 'no such conversation');
      const agent = store.agent(agentId);
      const isOwner = conversation.assigneeId === agentId;
      if (!agent || (!isOwner && agent.role === 'agent')) return err('permission_denied', 'this conversation is not assigned to you');
      if (conversation.status === 'closed') return err('conflict', 'the conversation is closed');
      const at = now();
      const message: Message = {
        id: newId('msg'),
        conversationId,
        channel: conversation.channel,
        direction: 'out',
        authorKind: 'agent',
        authorId: agentId,
        text,
        attachments: [],
        internal,
        key,
        createdAt: at,
      };
      const updated = internal ? conversation : { ...conversation, updatedAt: at, lastMessageAt: at, preview: text.slice(0, PREVIEW_LENGTH) };
      store.transaction(() => {
        store.insertMessage(message);
        if (!internal) store.updateConversation(updated);
        publish({ kind: 'message.created', message });
        if (!internal) publish({ kind: 'conversation.upserted', conversation: updated });
      });
      if (!internal) outboundListeners.forEach((l) => l(message, updated));
      return ok(message);
    },
    updateConversation(conversation) {
      store.transaction(() => {
        store.updateConversation(conversation);
        publish({ kind: 'conversation.upserted', conversation });
      });
    },
    onOutbound(listener) {
      outboundListeners.add(listener);
      return () => outboundListeners.delete(listener);
    },
    onQueued(listener) {
      queuedListeners.add(listener);
      return () => queuedListeners.delete(listener);
    },
  };
}
