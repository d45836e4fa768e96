import { describe, expect, it } from 'vitest';
import type { SupervisionSession } from '../../../shared/protocol/supervisor-protocol';
import type { CallSnapshot, EngineEvent, SipEngine } from '../sip-engine';
import { PbxSupervision, type PbxSupervisionEvent } from './pbx-supervision';

/**
 * A scripted engine: these tests pin the order of things around the engine (a session that ends
 * while dialling, replayed updates, a PBX that hangs up or never answers). Dialling, the header,
 * the digits and the hang-up through real engines and Kamailio are tests/e2e/supervision-pbx.spec.ts.
 */
class ScriptedEngine implements Partial<SipEngine> {
  readonly dialled: Array<{ target: string; headers: Record<string, string> | undefined }> = [];
  readonly digits: string[] = [];
  readonly hungUp: string[] = [];
  failDial = false;
  private readonly calls = new Map<string, CallSnapshot>();
  private listener: ((e: EngineEvent) => void) | null = null;
  private releaseDial: (() => void) | null = null;
  holdDial = false;

  onEvent = (l: (e: EngineEvent) => void) => ((this.listener = l), () => (this.listener = null));
  getCalls = () => [...this.calls.values()];
  call = async (target: string, options?: { headers?: Record<string, string> }) => {
    if (this.failDial) throw new Error('not registered');
    if (this.holdDial) await new Promise<void>((r) => (this.releaseDial = r));
    const id = `c${this.dialled.length + 1}`;
    this.dialled.push({ target, headers: options?.headers });
    this.set({ id, direction: 'outbound', state: 'dialing', remoteUser: target, remoteUri: `sip:${target}@t`, sipCallId: id, startedAt: 0, held: false, muted: false, headers: options?.headers ?? {} });
    return id;
  };
  sendDtmf = async (_callId: string, digits: string) => {
    await Promise.resolve();
    this.digits.push(digits);
    return 'info' as const;
  };
  hangup = async (callId: string) => {
    this.hungUp.push(callId);
    this.state(callId, 'ended');
  };

  release(): void {
    this.releaseDial?.();
  }
  state(callId: string, state: CallSnapshot['state'], endReason?: string): void {
    const call = this.calls.get(callId);
    if (call) this.set({ ...call, state, ...(endReason ? { endReason } : {}) });
  }
  private set(call: CallSnapshot): void {
    this.calls.set(call.id, call);
    this.listener?.({ type: 'call', call });
  }
}

const DIAL = { target: 'spy-alice', digits: { monitor: '4', whisper: '5', barge: '6' } };
function session(mode: SupervisionSession['mode'], patch: Partial<SupervisionSession> = {}): SupervisionSession {
  return {
    id: 'sup_1', kind: 'call', supervisorId: 'agt_sam', supervisorName: 'Sam', agentId: 'agt_alice', conversationId: 'conv_1',
    mode, modes: [mode], startedAt: 1, endedAt: null, pbx: DIAL, ...patch,
  };
}

function world(endSession?: (id: string) => Promise<unknown>) {
  const engine = new ScriptedEngine();
  const pbx = new PbxSupervision(engine as unknown as SipEngine, endSession ? { endSession } : {});
  const events: PbxSupervisionEvent[] = [];
  pbx.onEvent((e) => events.push(e));
  return { engine, pbx, events };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('PBX supervision on the supervisor’s phone', () => {
  it('dials once with the header, presses the digit when answered and on each change, and hangs up when the session ends', async () => {
    const { engine, pbx } = world();
    pbx.handle(session('whisper'));
    pbx.handle(session('whisper')); // the same push twice (reply and broadcast) dials once
    await settle();
    expect(engine.dialled).toEqual([{ target: 'spy-alice', headers: { 'X-Switchboard-Supervision': 'sup_1' } }]);
    expect(engine.digits).toEqual([]);
    engine.state('c1', 'active');
    await settle();
    expect(engine.digits).toEqual(['5']);
    pbx.handle(session('barge'));
    pbx.handle(session('monitor'));
    await settle();
    await settle();
    expect(engine.digits).toEqual(['5', '6', '4']);
    pbx.handle(session('monitor', { endedAt: 9 }));
    await settle();
    expect(engine.hungUp).toEqual(['c1']);
    pbx.handle(session('monitor')); // a stale update after the end does not dial again
    await settle();
    expect(engine.dialled).toHaveLength(1);
  });

  it('presses only the latest mode for changes made before the PBX answered', async () => {
    const { engine, pbx } = world();
    pbx.handle(session('monitor'));
    await settle();
    pbx.handle(session('whisper'));
    pbx.handle(session('barge'));
    engine.state('c1', 'active');
    await settle();
    expect(engine.digits).toEqual(['6']);
  });

  it('ignores sessions without a dial target: those are the agent desktop’s to mix', async () => {
    const { engine, pbx } = world();
    pbx.handle({ ...session('monitor'), pbx: undefined });
    pbx.handle({ not: 'a session' });
    await settle();
    expect(engine.dialled).toEqual([]);
  });

  it('hangs up a leg whose session ended while it was still dialling', async () => {
    const { engine, pbx, events } = world();
    engine.holdDial = true;
    pbx.handle(session('monitor'));
    pbx.handle(session('monitor', { endedAt: 5 }));
    engine.release();
    await settle();
    await settle();
    expect(engine.hungUp).toEqual(['c1']);
    expect(events.filter((e) => e.type === 'ended')).toEqual([{ type: 'ended', sessionId: 'sup_1', reason: 'session_ended' }]);
  });

  it('ends the hub session when the PBX hangs up, or when the dial fails', async () => {
    const ended: string[] = [];
    const { engine, pbx, events } = world(async (id) => ended.push(id));
    pbx.handle(session('monitor'));
    await settle();
    engine.state('c1', 'active');
    engine.state('c1', 'ended', 'remote hangup');
    await settle();
    expect(ended).toEqual(['sup_1']);
    expect(events.at(-1)).toEqual({ type: 'ended', sessionId: 'sup_1', reason: 'call_ended' });
    expect(engine.hungUp).toEqual([]);

    engine.failDial = true;
    pbx.handle(session('monitor', { id: 'sup_2' }));
    await settle();
    expect(ended).toEqual(['sup_1', 'sup_2']);
    expect(events.some((e) => e.type === 'failed' && e.sessionId === 'sup_2' && e.message.includes('spy-alice'))).toBe(true);
  });
});
