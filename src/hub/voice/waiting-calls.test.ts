import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/log';
import { createWaitingCalls, type WaitingCall } from './waiting-calls';

function setup(options: { free: string[]; priorities: Record<string, number>; maxWaitMs?: number }) {
  let clock = 1_000;
  const sent: string[] = [];
  const released: string[] = [];
  const offered: string[] = [];
  const free = [...options.free];
  const waiting = createWaitingCalls({
    control: {
      send: async (call: WaitingCall, decision) => {
        sent.push(`${call.callId}→${decision.action === 'agent' ? decision.sipUser : 'release'}`);
        return true;
      },
    },
    priorityOf: (id) => options.priorities[id] ?? null,
    chooseAgent: () => {
      const agent = free.shift();
      return agent ? { sipUser: agent, agentId: agent } : null;
    },
    offered: (call, agentId) => offered.push(`${call.callId}→${agentId}`),
    released: (call) => released.push(call.callId),
    maxWaitMs: () => options.maxWaitMs ?? 60_000,
    log: createLogger('test', () => undefined),
    now: () => clock,
  });
  return { waiting, sent, released, offered, free, advance: (ms: number) => (clock += ms) };
}

describe('waiting callers', () => {
  it('go to a free agent highest priority first, then longest wait', async () => {
    const t = setup({ free: [], priorities: { c_a: 0, c_b: 0, c_vip: 10 } });
    t.waiting.add({ callId: 'a', conversationId: 'c_a', queue: 'voice', tindex: 1, tlabel: 1 });
    t.advance(1000);
    t.waiting.add({ callId: 'b', conversationId: 'c_b', queue: 'voice', tindex: 2, tlabel: 2 });
    t.advance(1000);
    t.waiting.add({ callId: 'vip', conversationId: 'c_vip', queue: 'voice', tindex: 3, tlabel: 3 });
    await t.waiting.tick();
    expect(t.sent).toEqual([]);
    t.free.push('agent-1', 'agent-2');
    await t.waiting.tick();
    expect(t.sent).toEqual(['vip→agent-1', 'a→agent-2']);
    expect(t.waiting.isWaiting('b')).toBe(true);
  });

  it('are released past the maximum wait, and forgotten when they hang up or their conversation closes', async () => {
    const t = setup({ free: [], priorities: { c_a: 0, c_b: 0 }, maxWaitMs: 5_000 });
    t.waiting.add({ callId: 'a', conversationId: 'c_a', queue: 'voice', tindex: 1, tlabel: 1 });
    t.waiting.add({ callId: 'b', conversationId: 'c_b', queue: 'voice', tindex: 2, tlabel: 2 });
    t.waiting.add({ callId: 'gone', conversationId: 'c_gone', queue: 'voice', tindex: 3, tlabel: 3 });
    t.waiting.remove('b');
    t.advance(5_000);
    await t.waiting.tick();
    expect(t.sent).toEqual(['a→release']);
    expect(t.released).toEqual(['a']);
    expect(t.waiting.size()).toBe(0);
  });

  it('keep a callback in its place past the maximum wait, and offer it without touching Kamailio', async () => {
    const t = setup({ free: [], priorities: { c_a: 0, c_b: 0 }, maxWaitMs: 5_000 });
    t.waiting.add({ callId: 'a', conversationId: 'c_a', queue: 'voice', tindex: 1, tlabel: 1 });
    t.advance(1000);
    t.waiting.add({ callId: 'b', conversationId: 'c_b', queue: 'voice', tindex: 2, tlabel: 2 });
    expect(t.waiting.toCallback('a')).toMatchObject({ callback: true });
    t.advance(10_000);
    await t.waiting.tick();
    // b waited too long on the line and is let go; the callback a is no caller on hold and stays.
    expect(t.sent).toEqual(['b→release']);
    expect(t.waiting.isWaiting('a')).toBe(true);
    expect(t.waiting.position('a')).toBe(1);
    t.free.push('agent-1');
    await t.waiting.tick();
    expect(t.offered).toEqual(['a→agent-1']);
    expect(t.sent).toEqual(['b→release']);
    expect(t.waiting.size()).toBe(0);
  });
});
