import { describe, expect, it } from 'vitest';
import { AGING_MS_PER_POINT, VIP_PRIORITY, waitingKey } from './priority';
import { RoutingIndex, type AgentSlot } from './routing-index';

const agent = (id: string, over: Partial<AgentSlot> = {}): AgentSlot => ({
  id,
  queues: ['chat'],
  skills: new Set(['chat']),
  capacity: 2,
  chats: 0,
  calls: 0,
  idleSince: 0,
  available: true,
  online: true,
  ...over,
});

describe('routing index', () => {
  it('offers the least loaded agent first, then the longest idle', () => {
    const index = new RoutingIndex();
    index.setQueue('chat', ['chat']);
    index.upsertAgent(agent('busy', { chats: 1, idleSince: 0 }));
    index.upsertAgent(agent('idle-short', { idleSince: 500 }));
    index.upsertAgent(agent('idle-long', { idleSince: 100 }));
    expect(index.bestAgent('chat', false)?.id).toBe('idle-long');
    index.upsertAgent(agent('idle-long', { chats: 2, idleSince: 100 }));
    expect(index.bestAgent('chat', false)?.id).toBe('idle-short');
  });

  it('never offers to agents without the queue skills, away, full or on a call', () => {
    const index = new RoutingIndex();
    index.setQueue('chat', ['chat', 'zh']);
    index.upsertAgent(agent('no-skill'));
    index.upsertAgent(agent('away', { skills: new Set(['chat', 'zh']), available: false }));
    index.upsertAgent(agent('full', { skills: new Set(['chat', 'zh']), chats: 2 }));
    index.upsertAgent(agent('on-call', { skills: new Set(['chat', 'zh']), calls: 1 }));
    expect(index.bestAgent('chat', false)).toBeNull();
    index.upsertAgent(agent('ok', { skills: new Set(['chat', 'zh']) }));
    expect(index.bestAgent('chat', false)?.id).toBe('ok');
  });

  it('puts a VIP ahead of earlier contacts, but a long wait beats a fresh VIP', () => {
    const index = new RoutingIndex();
    index.setQueue('chat', ['chat']);
    index.upsertAgent(agent('a'));
    index.upsertContact({ id: 'normal', queue: 'chat', key: waitingKey(10_000, 0), queuedAt: 10_000 });
    index.upsertContact({ id: 'vip', queue: 'chat', key: waitingKey(20_000, VIP_PRIORITY), queuedAt: 20_000 });
    expect(index.next()?.contact.id).toBe('vip');
    const longWait = 10_000 - VIP_PRIORITY * AGING_MS_PER_POINT - 1;
    index.upsertContact({ id: 'patient', queue: 'chat', key: waitingKey(longWait, 0), queuedAt: longWait });
    expect(index.next()?.contact.id).toBe('patient');
  });

  it('offers an escalated contact to an agent with the queue escalation skill first, and to anyone when none is free', () => {
    const index = new RoutingIndex();
    index.setQueue('chat', ['chat'], 'senior');
    index.upsertAgent(agent('junior', { idleSince: 1 }));
    index.upsertAgent(agent('senior', { idleSince: 2, skills: new Set(['chat', 'senior']) }));
    index.upsertContact({ id: 'calm', queue: 'chat', key: 0, queuedAt: 0 });
    expect(index.next()).toMatchObject({ contact: { id: 'calm' }, agent: { id: 'junior' } });
    index.upsertContact({ id: 'angry', queue: 'chat', key: -1, queuedAt: 0, escalated: true });
    expect(index.next()).toMatchObject({ contact: { id: 'angry' }, agent: { id: 'senior' } });
    index.upsertAgent(agent('senior', { available: false, skills: new Set(['chat', 'senior']) }));
    expect(index.next()).toMatchObject({ contact: { id: 'angry' }, agent: { id: 'junior' } });
  });

  it('skips agents a contact was already offered to', () => {
    const index = new RoutingIndex();
    index.setQueue('chat', ['chat']);
    index.upsertAgent(agent('first', { idleSince: 1 }));
    index.upsertAgent(agent('second', { idleSince: 2 }));
    index.upsertContact({ id: 'c', queue: 'chat', key: 0, queuedAt: 0 });
    expect(index.next((_c, a) => a === 'first')?.agent.id).toBe('second');
    expect(index.next(() => true)).toBeNull();
  });
});
