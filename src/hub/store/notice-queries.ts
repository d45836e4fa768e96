import { z } from 'zod';
import { channelSchema, type Channel } from '../../shared/domain/channel';
import { identityKindSchema } from '../../shared/domain/customer';
import type { ChannelDelivery } from '../../shared/domain/message';
import { surveyLanguageSchema, type SurveyLanguage } from '../../shared/domain/survey';
import type { Peer } from './hub-store';
import { placeholders, type QueryFn, type Row } from './sqlite-query';

export type DirectPurpose = 'survey' | 'notice';

/** A message the hub sends a customer outside any conversation, with where its delivery stands. */
export interface DirectDeliveryRecord {
  id: string;
  purpose: DirectPurpose;
  /** What it belongs to: the survey or the order notice. */
  ref: string;
  channel: Channel;
  to: { kind: z.infer<typeof identityKindSchema>; value: string };
  subject: string;
  text: string;
  delivery: ChannelDelivery;
  createdAt: number;
}

/** A platform's order event that was turned into a message to the customer. */
export interface OrderNoticeRecord {
  id: string;
  /** `<platform>:<event id>`: one notice per event however often it is delivered. */
  eventKey: string;
  platform: string;
  eventType: string;
  orderId: string;
  customerId: string;
  language: SurveyLanguage;
  deliveryId: string;
  createdAt: number;
  /** The conversation the customer's reply opened, once they replied. */
  conversationId: string | null;
}

export interface NoticeQueries {
  insertDirectDelivery(record: DirectDeliveryRecord): void;
  directDelivery(id: string): DirectDeliveryRecord | null;
  /** The deliveries of a survey or notice, oldest first. */
  directDeliveriesOf(ref: string): DirectDeliveryRecord[];
  setDirectDelivery(id: string, delivery: ChannelDelivery): boolean;
  /** Stores the notice unless one for its event exists: false then (nothing written). */
  insertOrderNotice(notice: OrderNoticeRecord): boolean;
  orderNoticeByEvent(eventKey: string): OrderNoticeRecord | null;
  /**
   * The newest notice since `since` that no reply has answered yet, sent to one of these customers or to the
   * address `from` (a mail answered from the address it went to, whose sender the hub cannot prove).
   */
  unansweredNoticeOf(customerIds: readonly string[], from: Peer | null, since: number): OrderNoticeRecord | null;
  /** Links the notice to the conversation the reply opened; false when another reply took it first. */
  answerOrderNotice(id: string, conversationId: string): boolean;
  /** Deletes notices and settled deliveries older than `at` (one still being tried stays); the number of rows. */
  pruneDirectBefore(at: number): number;
}

const deliveryRowSchema = z.object({
  id: z.string(),
  purpose: z.enum(['survey', 'notice']),
  ref: z.string(),
  channel: channelSchema,
  peer_kind: identityKindSchema,
  peer_value: z.string(),
  subject: z.string(),
  text: z.string(),
  state: z.enum(['sending', 'delivered', 'failed']),
  attempts: z.number(),
  updated_at: z.number(),
  created_at: z.number(),
});

const noticeRowSchema = z.object({
  id: z.string(),
  event_key: z.string(),
  platform: z.string(),
  event_type: z.string(),
  order_id: z.string(),
  customer_id: z.string(),
  language: surveyLanguageSchema,
  delivery_id: z.string(),
  created_at: z.number(),
  conversation_id: z.string().nullable(),
});

function deliveryFromRow(row: Row): DirectDeliveryRecord {
  const r = deliveryRowSchema.parse(row);
  return {
    id: r.id,
    purpose: r.purpose,
    ref: r.ref,
    channel: r.channel,
    to: { kind: r.peer_kind, value: r.peer_value },
    subject: r.subject,
    text: r.text,
    delivery: { state: r.state, attempts: r.attempts, at: r.updated_at },
    createdAt: r.created_at,
  };
}

function noticeFromRow(row: Row): OrderNoticeRecord {
  const r = noticeRowSchema.parse(row);
  return {
    id: r.id,
    eventKey: r.event_key,
    platform: r.platform,
    eventType: r.event_type,
    orderId: r.order_id,
    customerId: r.customer_id,
    language: r.language,
    deliveryId: r.delivery_id,
    createdAt: r.created_at,
    conversationId: r.conversation_id,
  };
}

export function noticeQueries(q: QueryFn): NoticeQueries {
  return {
    insertDirectDelivery(d) {
      q(
        `INSERT INTO direct_deliveries (id, purpose, ref, channel, peer_kind, peer_value, subject, text, state, attempts, updated_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.id, d.purpose, d.ref, d.channel, d.to.kind, d.to.value, d.subject, d.text, d.delivery.state, d.delivery.attempts, d.delivery.at, d.createdAt);
    },
    directDelivery(id) {
      const row = q('SELECT * FROM direct_deliveries WHERE id = ?').get(id);
      return row ? deliveryFromRow(row) : null;
    },
    directDeliveriesOf(ref) {
      return q('SELECT * FROM direct_deliveries WHERE ref = ? ORDER BY created_at, id').all(ref).map(deliveryFromRow);
    },
    setDirectDelivery(id, d) {
      return q('UPDATE direct_deliveries SET state = ?, attempts = ?, updated_at = ? WHERE id = ?').run(d.state, d.attempts, d.at, id).changes === 1;
    },
    insertOrderNotice(n) {
      return (
        q(
          `INSERT INTO order_notices (id, event_key, platform, event_type, order_id, customer_id, language, delivery_id, created_at, conversation_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(event_key) DO NOTHING`,
        ).run(n.id, n.eventKey, n.platform, n.eventType, n.orderId, n.customerId, n.language, n.deliveryId, n.createdAt, n.conversationId).changes === 1
      );
    },
    orderNoticeByEvent(eventKey) {
      const row = q('SELECT * FROM order_notices WHERE event_key = ?').get(eventKey);
      return row ? noticeFromRow(row) : null;
    },
    unansweredNoticeOf(customerIds, from, since) {
      const row = q(
        `SELECT n.* FROM order_notices n JOIN direct_deliveries d ON d.id = n.delivery_id
         WHERE n.conversation_id IS NULL AND n.created_at >= ? AND d.state != 'failed'
           AND (n.customer_id IN (${placeholders(customerIds.length)}) OR (d.peer_kind = ? AND d.peer_value = ?))
         ORDER BY n.created_at DESC, n.id DESC LIMIT 1`,
      ).get(since, ...(customerIds.length ? customerIds : ['']), from?.kind ?? '', from?.value ?? '');
      return row ? noticeFromRow(row) : null;
    },
    pruneDirectBefore(at) {
      const notices = q('DELETE FROM order_notices WHERE created_at < ?').run(at).changes;
      return notices + q(`DELETE FROM direct_deliveries WHERE created_at < ? AND state != 'sending'`).run(at).changes;
    },
    answerOrderNotice(id, conversationId) {
      return q('UPDATE order_notices SET conversation_id = ? WHERE id = ? AND conversation_id IS NULL').run(conversationId, id).changes === 1;
    },
  };
}
