import { describe, expect, it } from 'vitest';
import type { Message } from '../shared/domain/message';
import { customerSchema } from '../shared/domain/customer';
import { customer360Schema, type Customer360 } from '../shared/protocol/hub-api';
import { toCustomer360View } from './customer-360-view';

const caller = customerSchema.parse({ id: 'cus_new', name: '+8613800138000', tags: [], identities: [], createdAt: 1, mergedInto: null });

describe('the 360 view of a caller whose number a known customer uses', () => {
  it('carries the hub\'s name, VIP flag and last contact of the likely customer, which the desktop may not have synced', () => {
    const hub = customer360Schema.parse({
      customer: caller,
      orders: [],
      tickets: [],
      timeline: [],
      historySummary: '',
      mergeSuggestions: [{ id: 'ms_1', customerId: 'cus_zhang', candidateId: 'cus_new', reason: { kind: 'phone', value: '+8613800138000' }, status: 'open', createdAt: 1 }],
      mergeCandidates: [{ customerId: 'cus_zhang', name: '张伟', vip: true, lastContact: { startedAt: 5, summary: 'Asked for a VAT invoice' } }],
      merges: [],
    });
    const view = toCustomer360View(hub, () => undefined);
    expect(view.mergeSuggestions).toEqual([
      { id: 'ms_1', candidateId: 'cus_zhang', candidateName: '张伟', reason: { kind: 'phone', value: '+8613800138000' }, candidateVip: true, candidateLastContact: { startedAt: 5, summary: 'Asked for a VAT invoice' } },
    ]);
  });

  it('reads an answer from a hub that sends no candidates', () => {
    const hub = customer360Schema.parse({
      customer: caller, orders: [], tickets: [], timeline: [], historySummary: '', merges: [],
      mergeSuggestions: [{ id: 'ms_1', customerId: 'cus_zhang', candidateId: 'cus_new', reason: { kind: 'phone', value: '+8613800138000' }, status: 'open', createdAt: 1 }],
    });
    expect(toCustomer360View(hub, () => undefined).mergeSuggestions[0]).toEqual({ id: 'ms_1', candidateId: 'cus_zhang', candidateName: null, reason: { kind: 'phone', value: '+8613800138000' } });
  });
});
const message = (id: string, authorKind: Message['authorKind'], text: string, createdAt: number, internal = false): Message => ({
  id, conversationId: 'conv_1', channel: 'widget', direction: authorKind === 'customer' ? 'in' : 'out', authorKind,
  authorId: authorKind === 'agent' ? 'agt_bob' : null, text, attachments: [], internal, key: null, createdAt,
});

const hub = (messages: Message[]): Customer360 => ({
  customer: { id: 'cus_1', name: 'Li', tags: [], identities: [], createdAt: 0 },
  orders: [],
  tickets: [],
  timeline: [
    {
      conversation: { id: 'conv_1', customerId: 'cus_1', channel: 'widget', status: 'active', queue: 'chat', assigneeId: 'agt_bob', priority: 0, tags: [], createdAt: 1, updatedAt: 9, lastMessageAt: 9, preview: '' },
      messages,
      summary: 'refund question',
      sentiment: 0,
    },
  ],
  historySummary: '',
  mergeSuggestions: [],
  merges: [],
  consents: [],
});

describe('the customer 360 of a conversation the bot began', () => {
  it('shows what the customer asked the bot, up to the first person’s reply', () => {
    const view = toCustomer360View(
      hub([
        message('m1', 'customer', '怎么申请退款', 1),
        message('m2', 'bot', '如何申请退款…', 2),
        message('m3', 'customer', '转人工', 3),
        message('m4', 'bot', '好的，正在为您转接人工客服', 4),
        message('m5', 'system', 'Handed off by the bot', 5, true),
        message('m6', 'agent', '您好，我来帮您', 6),
        message('m7', 'customer', '谢谢', 7),
      ]),
      () => undefined,
    );
    expect(view.contacts[0]?.askedBot).toEqual(['怎么申请退款', '转人工']);
  });

  it('says nothing of a bot where none answered', () => {
    const view = toCustomer360View(hub([message('m1', 'customer', '你好', 1), message('m2', 'agent', '您好', 2)]), () => undefined);
    expect(view.contacts[0]?.askedBot).toBeUndefined();
  });
});
