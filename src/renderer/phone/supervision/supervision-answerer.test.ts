import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot, EngineEvent, SipEngine } from '../sip-engine';
import { autoAnswerSupervisionLegs } from './supervision-answerer';

/** Just enough engine to see what the answerer does with ringing calls; real engines are in the e2e. */
function engine() {
  const calls = new Map<string, CallSnapshot>();
  let listener: ((event: EngineEvent) => void) | null = null;
  const actions: string[] = [];
  const fake = {
    getCalls: () => [...calls.values()],
    onEvent: (l: (event: EngineEvent) => void) => ((listener = l), () => (listener = null)),
    answer: async (id: string) => void actions.push(`answer ${id}`),
    reject: async (id: string) => void actions.push(`reject ${id}`),
  };
  return {
    engine: fake as unknown as SipEngine,
    actions,
    ring(id: string, session?: string) {
      const call: CallSnapshot = {
        id, direction: 'inbound', state: 'ringing', remoteUser: 'agent-alice', remoteUri: 'sip:agent-alice@x', sipCallId: `sip-${id}`, startedAt: 1, held: false, muted: false,
        ...(session ? { headers: { 'X-Switchboard-Supervision': session } } : {}),
      };
      calls.set(id, call);
      listener?.({ type: 'call', call });
    },
    end(id: string) {
      const call = { ...calls.get(id)!, state: 'ended' as const };
      calls.set(id, call);
      listener?.({ type: 'call', call });
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('supervision leg auto-answer', () => {
  it('answers a leg of a session the supervisor started, and leaves ordinary calls ringing', async () => {
    const e = engine();
    autoAnswerSupervisionLegs(e.engine, (s) => s === 'sup_1');
    e.ring('plain');
    e.ring('leg', 'sup_1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(e.actions).toEqual(['answer leg']);
  });

  it('answers a leg that arrived before the supervisor heard of its session', async () => {
    const e = engine();
    const known = new Set<string>();
    const answerer = autoAnswerSupervisionLegs(e.engine, (s) => known.has(s));
    e.ring('leg', 'sup_1');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(e.actions).toEqual([]);
    known.add('sup_1');
    answerer.recheck();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(e.actions).toEqual(['answer leg']);
  });

  it('refuses a leg nobody expects after the grace, since no one would ever see it ring', async () => {
    const e = engine();
    autoAnswerSupervisionLegs(e.engine, () => false, { unknownLegGraceMs: 5_000 });
    e.ring('forged', 'sup_forged');
    e.ring('gone', 'sup_other');
    e.end('gone');
    await vi.advanceTimersByTimeAsync(4_000);
    expect(e.actions).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(e.actions).toEqual(['reject forged']);
  });
});
