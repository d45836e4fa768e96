import { describe, expect, it } from 'vitest';
import type { Conversation } from './conversation';
import { conversationFromColumns, conversationKeyColumns, conversationToColumns } from './conversation-row';

const chat: Conversation = {
  id: 'conv_1',
  customerId: 'cus_1',
  channel: 'widget',
  status: 'active',
  queue: 'support',
  assigneeId: 'agent_1',
  priority: 2,
  tags: ['vip', 'refund'],
  createdAt: 1_000,
  updatedAt: 2_000,
  lastMessageAt: 1_500,
  preview: 'Where is my order?',
};

const closedCall: Conversation = {
  ...chat,
  id: 'conv_2',
  channel: 'voice',
  status: 'closed',
  assigneeId: null,
  lastMessageAt: null,
  queuedAt: 900,
  lastInboundChannel: 'voice',
  closedAt: 3_000,
  disposition: 'resolved',
  dispositionNote: 'refund issued',
  orderIds: ['ord_1'],
  summary: 'Customer asked for a refund; issued.',
  call: {
    sipCallId: 'abc@pbx',
    direction: 'inbound',
    caller: '+15550100',
    answeredAt: 1_100,
    endedAt: 2_900,
    missed: false,
    quality: { mos: 4.2, grade: 'good', jitterMs: 3, lossPct: 0, rttMs: 40, samples: 120 },
  },
};

describe('conversation columns', () => {
  it('round-trips a conversation that uses every field', () => {
    expect(conversationFromColumns(conversationToColumns(closedCall))).toEqual(closedCall);
  });

  it('gives the optional fields their empty column values, and reads them back as such', () => {
    const row = conversationToColumns(chat);
    expect(row).toMatchObject({ queued_at: null, last_inbound_channel: null, closed_at: null, order_ids: '[]', summary: null, call_json: null });
    expect(conversationFromColumns(row)).toEqual({
      ...chat,
      queuedAt: null,
      lastInboundChannel: null,
      closedAt: null,
      disposition: null,
      dispositionNote: null,
      orderIds: [],
      summary: null,
      call: null,
    });
  });

  it('reads a row from before the summary column existed', () => {
    const { summary: _summary, ...row } = conversationToColumns(chat);
    expect(conversationFromColumns(row).summary).toBeNull();
  });

  it('key columns are the leading part of the full columns, with no document-only field among them', () => {
    const keys = conversationKeyColumns(closedCall);
    expect(conversationToColumns(closedCall)).toMatchObject(keys);
    expect(Object.keys(keys)).toEqual([
      'id', 'customer_id', 'channel', 'status', 'queue', 'assignee_id', 'priority', 'tags', 'created_at', 'updated_at', 'last_message_at', 'preview',
    ]);
    expect(keys.tags).toBe('["vip","refund"]');
  });

  it('refuses a row that is not a conversation', () => {
    expect(() => conversationFromColumns({ ...conversationToColumns(chat), status: 'lost' })).toThrow();
    expect(() => conversationFromColumns({ ...conversationToColumns(chat), tags: '[1]' })).toThrow();
  });
});
