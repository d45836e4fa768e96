import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/domain/conversation';
import { defaultInboxFilter, queryInbox } from './inbox-query';

const conv = (id: string, patch: Partial<Conversation> = {}): Conversation => ({
  id,
  customerId: `cus_${id}`,
  channel: 'widget',
  status: 'active',
  queue: 'chat',
  assigneeId: 'agt_alice',
  priority: 0,
  tags: [],
  createdAt: 1_000,
  updatedAt: 1_000,
  lastMessageAt: null,
  preview: '',
  ...patch,
});

describe('queryInbox', () => {
  const all = Object.fromEntries(
    [
      conv('a', { lastMessageAt: 5_000 }),
      conv('b', { channel: 'wechat', lastMessageAt: 9_000 }),
      conv('c', { status: 'queued', assigneeId: null, lastMessageAt: 7_000 }),
      conv('d', { status: 'closed', lastMessageAt: 8_000 }),
      conv('e', { assigneeId: 'agt_bob', priority: 5, lastMessageAt: 1_000 }),
    ].map((c) => [c.id, c]),
  );

  it('leaves out an open conversation that has left an agent\'s sight, keeping closed history', () => {
    const moved = { ...all, f: conv('f', { status: 'queued', queue: 'vip', assigneeId: null, lastMessageAt: 9_500 }), g: conv('g', { status: 'closed', queue: 'vip', assigneeId: 'agt_sam' }) };
    const alice = { role: 'agent' as const, queues: ['chat'] };
    expect(queryInbox(moved, { ...defaultInboxFilter, status: 'all' }, 'agt_alice', alice)).not.toContain('f');
    expect(queryInbox(moved, { ...defaultInboxFilter, status: 'all' }, 'agt_alice', alice)).toContain('g');
    expect(queryInbox(moved, { ...defaultInboxFilter, scope: 'queue' }, 'agt_alice', alice)).toEqual(['c']);
    // In one of her queues, or hers: still shown. A supervisor sees everything.
    expect(queryInbox(moved, defaultInboxFilter, 'agt_alice', { role: 'agent', queues: ['chat', 'vip'] })).toContain('f');
    expect(queryInbox(moved, defaultInboxFilter, 'agt_sam', { role: 'supervisor', queues: [] })).toContain('f');
  });

  it('shows open conversations, higher priority first, then newest', () => {
    expect(queryInbox(all, defaultInboxFilter, 'agt_alice')).toEqual(['e', 'b', 'c', 'a']);
  });
  it('filters by channel, status and mine vs. queue', () => {
    expect(queryInbox(all, { ...defaultInboxFilter, channel: 'wechat' }, 'agt_alice')).toEqual(['b']);
    expect(queryInbox(all, { ...defaultInboxFilter, status: 'closed' }, 'agt_alice')).toEqual(['d']);
    expect(queryInbox(all, { ...defaultInboxFilter, scope: 'mine' }, 'agt_alice')).toEqual(['b', 'a']);
    expect(queryInbox(all, { ...defaultInboxFilter, scope: 'queue' }, 'agt_alice')).toEqual(['c']);
    expect(queryInbox(all, { ...defaultInboxFilter, status: 'all' }, 'agt_alice')).toHaveLength(5);
  });
  it('sorts ten thousand conversations quickly enough to run on every change', () => {
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`c${i}`, conv(`c${i}`, { lastMessageAt: (i * 7919) % 10_007 })]));
    const started = performance.now();
    expect(queryInbox(many, defaultInboxFilter, 'agt_alice')).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
