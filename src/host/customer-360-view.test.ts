import { describe, expect, it } from 'vitest';
import { customerSchema } from '../shared/domain/customer';
import { customer360Schema } from '../shared/protocol/hub-api';
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
