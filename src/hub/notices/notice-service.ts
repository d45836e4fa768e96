import type { Channel } from '../../shared/domain/channel';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer, IdentityKind } from '../../shared/domain/customer';
import type { SurveyLanguage } from '../../shared/domain/survey';
import type { Logger } from '../../shared/log';
import { redactText } from '../../shared/redact';
import { err, ok, type Result } from '../../shared/result';
import type { Lifecycle } from '../conversations/lifecycle';
import { newId } from '../ids';
import type { DirectDelivery } from '../jobs/direct-delivery';
import type { HubStore, Peer } from '../store/hub-store';
import type { DirectDeliveryRecord, OrderNoticeRecord } from '../store/notice-queries';
import { surveyLanguageOf } from '../surveys/survey-language';
import { renderNotice, type NoticeTemplates } from './notice-templates';
import type { OrderEvent } from './order-event';

export interface NoticeOutcome {
  notice: OrderNoticeRecord;
  delivery: DirectDeliveryRecord | null;
  /** The event had been received before: nothing new was sent. */
  duplicate: boolean;
}

export interface NoticeService {
  /** Turns a platform's order event into a templated message to the customer, once per event id. */
  receive(platform: string, event: OrderEvent): Result<NoticeOutcome>;
}

export interface NoticeServiceDeps {
  store: HubStore;
  lifecycle: Lifecycle;
  /** An internal note on the conversation the customer's reply opened. */
  note(conversationId: string, text: string): void;
  direct: DirectDelivery;
  templates: NoticeTemplates;
  /** A conversation the customer opens within this long after a notice is its reply. */
  replyWindowMs: number;
  defaultLanguage: SurveyLanguage;
  log: Logger;
  now?: () => number;
}

const channelOf: Partial<Record<IdentityKind, Channel>> = { email: 'email', wechat_openid: 'wechat', platform_user: 'webhook' };
const GREETING_NAME: Record<SurveyLanguage, string> = { 'zh-CN': '顾客', 'zh-TW': '顧客', en: 'there' };

class DuplicateEvent extends Error {}

/**
 * Proactive notice: a platform's order event (a shipment delayed) becomes a message in the customer's language,
 * from the event type's template, on the channel they last wrote on (else an address of theirs the hub can write
 * to), sent as a delivery job. The customer's answer opens a conversation like any message (or joins the one they
 * have open); the first message within the reply window is linked to the notice: the order goes on that
 * conversation and a note tells the agent what the customer is answering.
 */
export function createNoticeService(deps: NoticeServiceDeps): NoticeService {
  const { store, direct, log } = deps;
  const now = deps.now ?? Date.now;

  function current(customerId: string): Customer | null {
    let customer = store.customer(customerId);
    for (let hops = 0; customer?.mergedInto && hops < 10; hops++) customer = store.customer(customer.mergedInto);
    return customer;
  }

  /** The channel the customer last wrote on, if the hub can write there; else their addresses, proven ones first. */
  function reach(customer: Customer, platform: string): { channel: Channel; to: Peer } | null {
    for (const c of store.customerConversations(customer.id, 5)) {
      const channel = c.lastInboundChannel ?? c.channel;
      const peer = store.lastInboundPeer(c.id, channel);
      if (peer && direct.accepts(channel, peer)) return { channel, to: peer };
    }
    const rank = (kind: IdentityKind, value: string): number =>
      kind === 'platform_user' && value.startsWith(`${platform}:`) ? 0 : kind === 'wechat_openid' ? 1 : kind === 'email' ? 2 : 3;
    const candidates = [...customer.identities].sort((a, b) => rank(a.kind, a.value) - rank(b.kind, b.value) || Number(b.verified) - Number(a.verified));
    for (const identity of candidates) {
      const channel = channelOf[identity.kind];
      const to = { kind: identity.kind, value: identity.value };
      if (channel && direct.accepts(channel, to)) return { channel, to };
    }
    return null;
  }

  function languageOf(customer: Customer): SurveyLanguage {
    const recent = store.customerConversations(customer.id, 1)[0];
    const texts = recent ? store.messages(recent.id).filter((m) => m.authorKind === 'customer' && !m.internal).map((m) => m.text) : [];
    return surveyLanguageOf(texts, deps.defaultLanguage);
  }

  function duplicateOf(eventKey: string): Result<NoticeOutcome> | null {
    const notice = store.orderNoticeByEvent(eventKey);
    return notice ? ok({ notice, delivery: store.directDelivery(notice.deliveryId), duplicate: true }) : null;
  }

  function receive(platform: string, event: OrderEvent): Result<NoticeOutcome> {
    const eventKey = `${platform}:${event.eventId}`;
    const seen = duplicateOf(eventKey);
    if (seen) return seen;
    const order = store.order(event.orderId);
    // Another platform's order is as unknown as a missing one: a platform speaks only for its own.
    if (!order || order.platform !== platform) return err('not_found', `no order ${event.orderId} from ${platform}`);
    const customer = current(order.customerId);
    if (!customer) return err('not_found', `the customer of order ${event.orderId} is gone`);
    const language = event.language ?? languageOf(customer);
    const data = Object.fromEntries(Object.entries(event.data).map(([k, v]) => [k, v === undefined ? undefined : redactText(v)]));
    const rendered = renderNotice(deps.templates, event.type, language, {
      ...data,
      name: customer.name.trim() || GREETING_NAME[language],
      orderId: order.id,
      summary: order.summary || order.id,
      status: data.status ?? order.status,
    });
    if (!rendered.ok) return err('invalid_argument', rendered.message);
    const target = reach(customer, platform);
    if (!target) return err('failed_precondition', `the customer of order ${order.id} has no address the hub can write to (email with SMTP_URL, WeChat, or ${platform} with its reply URL)`);
    const at = now();
    const noticeId = newId('ntc');
    try {
      const outcome = store.transaction(() => {
        const delivery = direct.enqueue({ purpose: 'notice', ref: noticeId, channel: target.channel, to: target.to, ...rendered.value }, at);
        if (!delivery) throw new Error('the channel stopped accepting the customer');
        const notice: OrderNoticeRecord = {
          id: noticeId,
          eventKey,
          platform,
          eventType: event.type,
          orderId: order.id,
          customerId: customer.id,
          language,
          deliveryId: delivery.id,
          createdAt: at,
          conversationId: null,
        };
        // Another hub sharing the database stored this event first: roll back what this one wrote.
        if (!store.insertOrderNotice(notice)) throw new DuplicateEvent();
        return { notice, delivery, duplicate: false };
      });
      log.log('info', 'order notice queued', { notice: noticeId, type: event.type, channel: target.channel });
      return ok(outcome);
    } catch (cause) {
      if (cause instanceof DuplicateEvent) return duplicateOf(eventKey) ?? err('conflict', 'the event is being stored by another request');
      throw cause;
    }
  }

  /** The customer wrote (a new conversation, or one already open): the first message after a notice answers it. */
  function linkReply(conversation: Conversation): void {
    if (conversation.channel === 'voice' || conversation.status === 'closed') return;
    const last = store.lastMessages(conversation.id, 1)[0];
    if (!last || last.direction !== 'in' || last.authorKind !== 'customer') return;
    const from = store.lastInboundPeer(conversation.id, last.channel);
    const notice = store.unansweredNoticeOf([conversation.customerId], from, now() - deps.replyWindowMs);
    // A message older than the notice (an agent's later move on an old conversation) answers nothing.
    if (!notice || last.createdAt < notice.createdAt || !store.answerOrderNotice(notice.id, conversation.id)) return;
    const delivery = store.directDelivery(notice.deliveryId);
    const linked = deps.lifecycle.amend(conversation.id, (c) => ((c.orderIds ?? []).includes(notice.orderId) ? null : { orderIds: [...(c.orderIds ?? []), notice.orderId] }));
    if (!linked.ok) log.log('warn', 'the order of a notice could not be linked to the reply', { notice: notice.id, detail: linked.error.message });
    const sent = delivery ? ` on ${delivery.channel}, ${delivery.delivery.state}` : '';
    deps.note(conversation.id, `Reply to the order notice “${notice.eventType}” for order ${notice.orderId}${sent}: “${delivery?.text ?? ''}”`);
    log.log('info', 'a reply to an order notice opened a conversation', { notice: notice.id, conversation: conversation.id });
  }

  deps.lifecycle.onChanged(({ prev, next }) => {
    // Opened by a customer's message, or one more arrived (its time moved): anything else is no reply.
    if (prev !== null && prev.lastMessageAt === next.lastMessageAt) return;
    try {
      linkReply(next);
    } catch (cause) {
      log.log('warn', 'a reply could not be linked to its notice', { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  });

  return { receive };
}
