import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/domain/conversation';
import { FALLBACK_TARGETS, formatCountdown, secondsLeft, slaDueAt } from './sla-policy';

const conv = (patch: Partial<Conversation> = {}): Conversation => ({
  id: 'c1',
  customerId: 'cus_1',
  channel: 'widget',
  status: 'active',
  queue: 'vip',
  assigneeId: 'agt_alice',
  priority: 0,
  tags: [],
  createdAt: 1_000,
  updatedAt: 1_000,
  lastMessageAt: null,
  preview: '',
  ...patch,
});
const vip = { slaSeconds: 10, replySeconds: 60 };

describe('SLA clock', () => {
  it('counts a queued contact to its queue wait target, from when it entered the queue', () => {
    expect(slaDueAt(conv({ status: 'queued' }), null, vip)).toBe(1_000 + 10_000);
    expect(slaDueAt(conv({ status: 'offered', queuedAt: 5_000 }), null, vip)).toBe(5_000 + 10_000);
  });

  it('follows the hub: a queue whose slaSeconds changed gives a different due time, and a changed reply target too', () => {
    const queued = conv({ status: 'queued' });
    expect(slaDueAt(queued, null, { ...vip, slaSeconds: 45 })).toBe(1_000 + 45_000);
    expect(slaDueAt(queued, null, { ...vip, slaSeconds: 45 })).not.toBe(slaDueAt(queued, null, vip));
    expect(slaDueAt(conv(), 50_000, vip)).toBe(50_000 + 60_000);
    expect(slaDueAt(conv(), 50_000, { ...vip, replySeconds: 90 })).toBe(50_000 + 90_000);
  });

  it('falls back to default targets for a queue the hub has not named', () => {
    expect(slaDueAt(conv({ status: 'queued' }), null, undefined)).toBe(1_000 + FALLBACK_TARGETS.slaSeconds * 1000);
    expect(slaDueAt(conv(), 50_000, undefined)).toBe(50_000 + 120_000);
  });

  it('owes nothing on an answered conversation without a waiting customer message, nor on a closed one', () => {
    expect(slaDueAt(conv(), null, vip)).toBeNull();
    expect(slaDueAt(conv({ status: 'closed' }), 50_000, vip)).toBeNull();
  });

  it('formats the countdown, negative once breached', () => {
    expect(secondsLeft(11_000, 1_500)).toBe(9);
    expect(secondsLeft(11_000, 11_500)).toBe(-1);
    expect(formatCountdown(75)).toBe('1:15');
    expect(formatCountdown(-5)).toBe('-0:05');
  });
});
