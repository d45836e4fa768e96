import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/domain/conversation';
import type { Customer } from '../../shared/domain/customer';
import { findCallConversation, samePhone } from './call-conversation';

const conversation = (id: string, patch: Partial<Conversation> = {}): Conversation => ({
  id, customerId: 'cus_1', channel: 'voice', status: 'active', queue: 'voice', assigneeId: null, priority: 0, tags: [], createdAt: 1, updatedAt: 1, lastMessageAt: null, preview: '', ...patch,
});
const customers = { cus_1: { id: 'cus_1', identities: [{ kind: 'phone', value: '+8613912345678', verified: false }] } as unknown as Customer };

describe('the conversation behind a call', () => {
  it('is the one the hub tied to the SIP Call-ID', () => {
    const tied = conversation('tied', { customerId: 'other', call: { sipCallId: 'abc', direction: 'inbound', caller: 'x', answeredAt: null, endedAt: null, missed: false, quality: null } });
    expect(findCallConversation({ sipCallId: 'abc', remoteUser: 'nobody' }, [conversation('a'), tied], customers)?.id).toBe('tied');
  });

  it("falls back to the newest open voice conversation of the caller's phone", () => {
    const found = findCallConversation(
      { sipCallId: 'zzz', remoteUser: '13912345678' },
      [conversation('old', { createdAt: 1 }), conversation('new', { createdAt: 5 }), conversation('closed', { createdAt: 9, status: 'closed' }), conversation('chat', { createdAt: 9, channel: 'widget' })],
      customers,
    );
    expect(found?.id).toBe('new');
    expect(findCallConversation({ sipCallId: 'zzz', remoteUser: 'agent-bob' }, [conversation('a')], customers)).toBeUndefined();
  });

  it('compares phones by digits, allowing a country prefix', () => {
    expect(samePhone('+86 139 1234 5678', '13912345678')).toBe(true);
    expect(samePhone('13912345678', '13912345679')).toBe(false);
    expect(samePhone('123', '123')).toBe(false);
  });
});
