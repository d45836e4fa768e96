import type { Channel } from '../shared/domain/channel';
import type { CallRecord } from '../shared/domain/call';
import type { Conversation } from '../shared/domain/conversation';
import type { Customer, Identity } from '../shared/domain/customer';
import type { Attachment, Message } from '../shared/domain/message';
import { ORDER_ID_PATTERN } from '../shared/domain/order';
import type { NewHubEvent } from '../shared/protocol/hub-events';
import { redactText } from '../shared/redact';
import { canActOn } from '../shared/domain/visibility';
import { err, ok, type Result } from '../shared/result';
import type { Lifecycle } from './conversations/lifecycle';
import type { EventPublisher } from './event-publisher';
import { newId } from './ids';
import { identitiesClaimedInText } from './identity/normalize';
import type { IdentityResolver } from './identity/identity-resolver';
import type { OutboundDelivery } from './jobs/outbound-delivery';
import { contactPriority } from './routing/priority';
import type { IntentRouting } from './insights/intent-routing';
import { withoutVersion, type HubStore, type Peer } from './store/hub-store';

export interface InboundMessage {
  channel: Channel;
  /** The identity the channel proves: visitor id, openid, platform user, sender address, caller number. */
  identity: Pick<Identity, 'kind' | 'value'> & { verified?: boolean };
  /** More identities the message brings (a signed phone, a phone the platform vouches for). */
  extraIdentities?: Identity[];
  customerName?: string;
  text: string;
  attachments?: Attachment[];
  /** The channel's own message id, so a redelivered webhook is stored once. */
  key: string | null;
  queue: string;
  /** Order ids the channel itself names (a platform's order field). */
  orderIds?: string[];
}

export interface ReplyInput {
  text: string;
  internal: boolean;
  channel?: Channel;
  attachments?: Attachment[];
}

/** A reply on its way out, with the customer identity it goes to (the one the customer last wrote from on that channel). */
type Outbound = (message: Message, conversation: Conversation, customer: Customer, to: Peer) => void;

export interface ConversationService {
  /** Stores the event at once and puts it on the bus once the surrounding transaction commits (never, if it rolls back). */
  publish(event: NewHubEvent): void;
  /** Stores a customer's message; a redelivery of a message id already stored answers with the first one (`duplicate`). */
  ingest(inbound: InboundMessage): Result<{ message: Message; conversation: Conversation; created: boolean; duplicate: boolean }>;
  reply(agentId: string, conversationId: string, input: ReplyInput, key: string): Result<Message>;
  /** The self-service bot answers the customer, on the channel they last wrote on, through the same outbound paths as agents. */
  botReply(conversationId: string, text: string): Result<Message>;
  /** A note only agents see, written by the hub (transfers, call events). */
  systemNote(conversationId: string, text: string): void;
  /** Opens a conversation without a first message (a call, with its call record); `unverified` for an unproven caller. */
  open(customer: Customer, channel: Channel, queue: string, callId: string | null, call?: CallRecord, unverified?: boolean): Conversation;
  onOutbound(listener: Outbound): () => void;
  onQueued(listener: () => void): () => void;
}

const PREVIEW_LENGTH = 120;

/** Which identity a customer needs for a reply to go out on a channel. */
export const channelIdentity: Record<Channel, Identity['kind'] | null> = {
  widget: 'widget_visitor',
  wechat: 'wechat_openid',
  webhook: 'platform_user',
  email: 'email',
  sms: 'phone',
  voice: null,
};

export function createConversationService(
  store: HubStore,
  events: EventPublisher,
  lifecycle: Lifecycle,
  identities: () => IdentityResolver,
  now: () => number = Date.now,
  /** Channels whose replies are delivered as jobs (webhook platforms, WeChat, email); the others go out through onOutbound only. */
  delivery?: Pick<OutboundDelivery, 'initialState' | 'enqueue'>,
  /** Routes a new conversation by the intent of the customer's first message with substance. */
  intents?: IntentRouting,
  /** Whether the self-service bot answers a new conversation on this channel and queue first (bot/bot-config.ts). */
  selfService?: (channel: Channel, queue: string) => boolean,
): ConversationService {
  const outbound = new Set<Outbound>();
  const queued = new Set<() => void>();
  const publish = (event: NewHubEvent): void => events.publish(event);

  function linkedOrders(text: string, named: readonly string[]): string[] {
    const found = new Set<string>();
    for (const id of named) if (store.order(id)) found.add(id);
    for (const m of text.matchAll(ORDER_ID_PATTERN)) if (store.order(m[0])) found.add(m[0]);
    return [...found];
  }

  function newConversation(customer: Customer, channel: Channel, queue: string, at: number): Conversation {
    const base = { tags: [] as string[] };
    return {
      id: newId('conv'),
      customerId: customer.id,
      channel,
      status: 'queued',
      queue,
      assigneeId: null,
      priority: contactPriority(customer, base),
      tags: base.tags,
      createdAt: at,
      updatedAt: at,
      lastMessageAt: null,
      preview: '',
      queuedAt: at,
      lastInboundChannel: channel,
      closedAt: null,
      disposition: null,
      dispositionNote: null,
      orderIds: [],
    };
  }

  /**
   * Where a reply goes: the identity the customer last wrote from on that channel in this conversation, so a merged
   * record's other addresses never receive it. On a channel the customer has not used here, the record's own
   * identity of that kind, proven ones first.
   */
  function replyPeer(conversation: Conversation, customer: Customer, channel: Channel): Peer | null {
    const needs = channelIdentity[channel];
    if (!needs) return null;
    const last = store.lastInboundPeer(conversation.id, channel);
    if (last?.kind === needs) return last;
    const own = customer.identities.filter((i) => i.kind === needs).sort((a, b) => Number(b.verified) - Number(a.verified))[0];
    return own ? { kind: own.kind, value: own.value } : null;
  }

  /** Stores a reply from an agent or the bot and sends it on its way (a delivery job, or the live socket). */
  function send(conversation: Conversation, author: { kind: 'agent' | 'bot'; id: string | null }, input: ReplyInput, key: string | null): Result<Message> {
    const conversationId = conversation.id;
    if (conversation.status === 'closed') return err('conflict', 'the conversation is closed');
    const customer = store.customer(conversation.customerId);
    if (!customer) return err('not_found', 'the customer is gone');
    const channel = input.channel ?? conversation.lastInboundChannel ?? conversation.channel;
    const to = input.internal ? null : replyPeer(conversation, customer, channel);
    if (!input.internal && !to) return err('invalid_argument', `the customer cannot be reached on ${channel}`);
    const at = now();
    const text = redactText(input.text);
    const channelDelivery = to ? (delivery?.initialState(channel, to, at) ?? null) : null;
    const message: Message = {
      id: newId('msg'),
      conversationId,
      channel,
      direction: 'out',
      authorKind: author.kind,
      authorId: author.id,
      text,
      attachments: input.attachments ?? [],
      internal: input.internal,
      key,
      createdAt: at,
      ...(channelDelivery ? { channelDelivery } : {}),
    };
    const preview = (text || message.attachments[0]?.name || '').slice(0, PREVIEW_LENGTH);
    const updated = store.transaction(() => {
      store.insertMessage(message, input.text, to);
      store.markAttachmentsReferenced(message.attachments.map((a) => a.id), at);
      publish({ kind: 'message.created', message });
      if (channelDelivery) delivery?.enqueue(message.id, at);
      if (input.internal) return conversation;
      const amended = lifecycle.amend(conversationId, () => ({ lastMessageAt: at, preview }));
      if (!amended.ok) throw new Error(`the reply could not be recorded: ${amended.error.message}`);
      return amended.value;
    });
    if (to) outbound.forEach((l) => l(message, updated, customer, to));
    return ok(message);
  }

  return {
    publish,
    ingest(inbound) {
      const masked = redactText(inbound.text);
      let requeued = false;
      const result = store.transaction(() => {
        // Claimed first, in the same transaction as the message: a redelivery (even a concurrent one,
        // which waits on the claim) finds the message the first delivery stored.
        if (inbound.key) {
          const at = now();
          const claim = store.claimKey(inbound.key, inbound.channel, at, at);
          const seen = claim.status === 'claimed' ? null : store.messageByKey(inbound.key);
          const conversation = seen ? store.conversation(seen.conversationId) : null;
          if (seen && conversation) return { message: seen, conversation: withoutVersion(conversation), created: false, duplicate: true };
        }
        const { customer, changed: customerChanged, unverified, peer } = identities().resolve({
          primary: { kind: inbound.identity.kind, value: inbound.identity.value, verified: inbound.identity.verified ?? false },
          extra: [...(inbound.extraIdentities ?? []), ...identitiesClaimedInText(masked)],
          name: inbound.customerName,
        });
        const at = now();
        // An unproven sender never joins what another channel started: their mail stands on its own, marked.
        const open = inbound.channel === 'voice' ? null : store.openTextConversation(customer.id, unverified ? inbound.channel : undefined);
        const created = open === null;
        // Until a message with substance arrives ("在吗" first), a waiting conversation is still routed by what it asks.
        const unrouted = created || ((open.status === 'queued' || open.status === 'bot') && !open.insight?.intent);
        const byIntent = unrouted ? (intents?.decide(inbound.channel, open?.queue ?? inbound.queue, masked) ?? null) : null;
        const queue = byIntent?.queue ?? inbound.queue;
        const fresh = (): Conversation => ({
          ...newConversation(customer, inbound.channel, queue, at),
          ...(selfService?.(inbound.channel, queue) ? { status: 'bot' as const, queuedAt: null } : {}),
          ...(unverified ? { unverified: true } : {}),
          ...(byIntent ? { insight: { intent: byIntent.intent } } : {}),
        });
        const conversation = open ?? fresh();
        const message: Message = {
          id: newId('msg'),
          conversationId: conversation.id,
          channel: inbound.channel,
          direction: 'in',
          authorKind: 'customer',
          authorId: customer.id,
          text: masked,
          // A file's name is text the customer chose: it is masked like the message.
          attachments: (inbound.attachments ?? []).map((a) => ({ ...a, name: redactText(a.name) })),
          internal: false,
          key: inbound.key,
          createdAt: at,
        };
        const orders = linkedOrders(masked, inbound.orderIds ?? []);
        const arrived = (c: Conversation) => ({
          lastMessageAt: at,
          lastInboundChannel: inbound.channel,
          preview: (masked || message.attachments[0]?.name || '').slice(0, PREVIEW_LENGTH),
          orderIds: [...new Set([...(c.orderIds ?? []), ...orders])],
        });
        let updated: Conversation;
        if (created) {
          updated = lifecycle.open({ ...conversation, ...arrived(conversation) });
          if (updated.status === 'bot') store.startBotSession(updated.id, updated.queue, updated.channel, at);
        }
        else if (byIntent && byIntent.queue !== conversation.queue) {
          const amend = { ...arrived(conversation), insight: { ...conversation.insight, intent: byIntent.intent } };
          const moved = lifecycle.move(conversation.id, { kind: 'requeue', queue: byIntent.queue, reason: 'intent', amend });
          if (!moved.ok) throw new Error(`the conversation could not take the message: ${moved.error.message}`);
          updated = moved.value;
          requeued = true;
        } else {
          const amended = lifecycle.amend(conversation.id, (c) => ({ ...arrived(c), ...(byIntent ? { insight: { ...c.insight, intent: byIntent.intent } } : {}) }));
          if (!amended.ok) throw new Error(`the conversation could not take the message: ${amended.error.message}`);
          updated = amended.value;
        }
        store.insertMessage(message, inbound.text, peer);
        store.markAttachmentsReferenced(message.attachments.map((a) => a.id), at);
        if (customerChanged) publish({ kind: 'customer.upserted', customer });
        publish({ kind: 'message.created', message });
        if (inbound.key) store.completeClaim(inbound.key, message.id);
        return { message, conversation: updated, created, duplicate: false };
      });
      if (result.created || requeued) queued.forEach((l) => l());
      return ok(result);
    },
    reply(agentId, conversationId, input, key) {
      const seen = store.messageByKey(key);
      if (seen) return ok(seen);
      const conversation = store.conversation(conversationId);
      if (!conversation) return err('not_found', 'no such conversation');
      const agent = store.agent(agentId);
      if (!agent || !canActOn(agent, conversation)) {
        return err('permission_denied', 'this conversation is not assigned to you');
      }
      return send(withoutVersion(conversation), { kind: 'agent', id: agentId }, input, key);
    },
    botReply(conversationId, text) {
      const conversation = store.conversation(conversationId);
      if (!conversation) return err('not_found', 'no such conversation');
      return send(withoutVersion(conversation), { kind: 'bot', id: null }, { text, internal: false }, null);
    },
    systemNote(conversationId, text) {
      const message: Message = {
        id: newId('msg'),
        conversationId,
        channel: store.conversation(conversationId)?.channel ?? 'widget',
        direction: 'out',
        authorKind: 'system',
        authorId: null,
        text: redactText(text),
        attachments: [],
        internal: true,
        key: null,
        createdAt: now(),
      };
      store.transaction(() => {
        store.insertMessage(message, text);
        publish({ kind: 'message.created', message });
      });
    },
    open(customer, channel, queue, callId, call, unverified = false) {
      return lifecycle.open(
        { ...newConversation(customer, channel, queue, now()), lastInboundChannel: channel, ...(call ? { call } : {}), ...(unverified ? { unverified } : {}) },
        callId,
      );
    },
    onOutbound(listener) {
      outbound.add(listener);
      return () => outbound.delete(listener);
    },
    onQueued(listener) {
      queued.add(listener);
      return () => queued.delete(listener);
    },
  };
}
