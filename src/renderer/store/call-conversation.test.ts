import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/domain/conversation';
import { findCallConversation } from './call-conversation';

const conversation = (id: string, patch: Partial<Conversation> = {}): Conversation => ({
  id, customerId: 'cus_1', channel: 'voice', status: 'active', queue: 'voice', assigneeId: null, priority: 0, tags: [], createdAt: 1, updatedAt: 1, lastMessageAt: null, preview: '', ...patch,
});
const tiedTo = (sipCallId: string): Partial<Conversation> => ({ call: { sipCallId, direction: 'outbound', caller: '+8613912345678', answeredAt: null, endedAt: null, missed: false, quality: null } });

describe('the conversation behind a call', () => {
  it('is the one the INVITE named', () => {
    const found = findCallConversation({ sipCallId: 'abc', conversationId: 'named' }, [conversation('tied', tiedTo('abc')), conversation('named')]);
    expect(found?.id).toBe('named');
  });

  it('is the one the hub tied to the SIP Call-ID when the INVITE named none', () => {
    expect(findCallConversation({ sipCallId: 'abc' }, [conversation('a'), conversation('tied', tiedTo('abc'))])?.id).toBe('tied');
  });

  it('is none rather than a guess from the number', () => {
    expect(findCallConversation({ sipCallId: 'zzz' }, [conversation('a'), conversation('b', tiedTo('abc'))])).toBeUndefined();
  });
});
