import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../../shared/contracts/session-contract';
import type { AgentProfile } from '../../../shared/domain/agent';
import type { CallQuality } from '../../../shared/domain/call';
import type { SipLoginCredentials } from '../../../shared/protocol/hub-protocol';
import { err, ok, type Result } from '../../../shared/result';
import { prefsSchema, type Prefs } from '../../lib/prefs';
import type { CallSnapshot, EngineConfigInput, EngineEvent, SipEngine } from '../sip-engine';
import { PhoneService, type PhoneHost } from './phone-service';

/**
 * A scripted engine: these tests are about what the service does around an engine (sign-in,
 * sign-out, re-registration, quality), which the e2e tests prove with real engines and Kamailio.
 */
class ScriptedEngine implements Partial<SipEngine> {
  registered: EngineConfigInput[] = [];
  unregistered = 0;
  disposed = 0;
  outgoing: MediaStream | null | undefined;
  output: string | undefined;
  registration: 'unregistered' | 'registered' = 'unregistered';
  private listener: ((e: EngineEvent) => void) | null = null;
  constructor(readonly adapter: 'sipjs' | 'jssip') {}
  register = async (config: EngineConfigInput) => {
    this.registered.push(config);
    this.registration = 'registered';
    this.listener?.({ type: 'registration', state: 'registered' });
  };
  unregister = async () => {
    this.unregistered++;
  };
  dispose = async () => {
    this.disposed++;
  };
  getRegistration = () => this.registration;
  onEvent = (l: (e: EngineEvent) => void) => ((this.listener = l), () => (this.listener = null));
  setOutgoingStream = (s: MediaStream | null) => void (this.outgoing = s);
  setOutputDevice = async (id: string) => void (this.output = id);
  getRemoteStream = (): MediaStream | null => null;
  getLocalStream = (): MediaStream | null => null;
  getStats = async () => new Map<string, object>([['in', { type: 'inbound-rtp', kind: 'audio', packetsReceived: 50, packetsLost: 0, jitter: 0.002 }]]) as unknown as RTCStatsReport;
  emit(event: EngineEvent) {
    this.listener?.(event);
  }
}

const agent = { id: 'agt_alice', username: 'alice' } as AgentProfile;
const creds = (password: string): SipLoginCredentials => ({ authorizationUsername: 'u', password, uri: 'sip:agent-alice@switchboard.test', wsUrl: 'ws://127.0.0.1:1', expiresAt: Date.now() + 3_600_000 });
const connection = (status: ConnectionState['status']): ConnectionState => ({ status, hubUrl: 'http://hub', lastSyncAt: null, detail: null });
const call = (state: CallSnapshot['state']): CallSnapshot => ({
  id: 'c1', direction: 'inbound', state, remoteUser: '13912345678', remoteUri: 'sip:13912345678@x', sipCallId: 'sip-1', startedAt: 1, held: false, muted: false,
});

function world(options: { sip?: SipLoginCredentials | null; prefs?: Partial<Prefs> } = {}) {
  const listeners = new Map<string, (payload: never) => void>();
  let sip: Result<SipLoginCredentials | null> = ok(options.sip === undefined ? creds('p1') : options.sip);
  const reports: Array<{ sipCallId: string; quality: CallQuality }> = [];
  const logs: string[] = [];
  const engines: ScriptedEngine[] = [];
  const host: PhoneHost = {
    session: {
      status: async () => ok({ connection: connection('online'), agent }),
      sipCredentials: async () => sip,
      on: ((event: string, listener: (payload: never) => void) => (listeners.set(event, listener), () => undefined)) as PhoneHost['session']['on'],
    },
    reportCallQuality: async (input) => (reports.push(input), err('unavailable', 'hub does not keep call quality yet')),
  };
  const prefs = prefsSchema.parse({ microphoneId: '', speakerId: 'spk-1', ...options.prefs });
  const service = new PhoneService({
    host,
    createEngine: (adapter) => {
      const engine = new ScriptedEngine(adapter);
      engines.push(engine);
      return engine as unknown as SipEngine;
    },
    prefs: () => prefs,
    openMicrophone: async () => null,
    log: { log: (_level, message) => void logs.push(message) },
  });
  return {
    service,
    engines,
    reports,
    logs,
    setSip: (next: Result<SipLoginCredentials | null>) => void (sip = next),
    connection: (status: ConnectionState['status']) => (listeners.get('connection') as (c: ConnectionState) => void)(connection(status)),
  };
}

const settle = () => vi.advanceTimersByTimeAsync(10);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('phone service', () => {
  it('registers with the hub-issued credentials and the chosen speaker, and shows the phone ready', async () => {
    const w = world({ prefs: { sipAdapter: 'jssip' } });
    await w.service.start();
    await settle();
    expect(w.engines).toHaveLength(1);
    expect(w.engines[0]!.adapter).toBe('jssip');
    expect(w.engines[0]!.registered[0]).toMatchObject({ password: 'p1', uri: 'sip:agent-alice@switchboard.test' });
    expect(w.engines[0]!.output).toBe('spk-1');
    expect(w.service.snapshot()).toMatchObject({ link: 'ready', registration: 'registered', adapter: 'jssip' });
  });

  it('stays off when the hub has no telephony', async () => {
    const w = world({ sip: null });
    await w.service.start();
    await settle();
    expect(w.engines).toHaveLength(0);
    expect(w.service.snapshot().link).toBe('no_telephony');
  });

  it('unregisters and lets the engine go when the agent signs out', async () => {
    const w = world();
    await w.service.start();
    await settle();
    w.connection('signed_out');
    await settle();
    expect(w.engines[0]!.unregistered).toBe(1);
    expect(w.engines[0]!.disposed).toBe(1);
    expect(w.service.snapshot()).toMatchObject({ link: 'signed_out', registration: 'unregistered' });
  });

  it('re-registers after a reconnect only once the call has ended, since registering drops calls', async () => {
    const w = world();
    await w.service.start();
    await settle();
    w.engines[0]!.emit({ type: 'call', call: call('active') });
    w.connection('offline');
    w.setSip(ok(creds('p2')));
    w.connection('online');
    await settle();
    expect(w.engines).toHaveLength(1);
    expect(w.engines[0]!.unregistered).toBe(0);

    w.engines[0]!.emit({ type: 'call', call: { ...call('ended'), endedAt: 2 } });
    await settle();
    expect(w.engines).toHaveLength(2);
    expect(w.engines[1]!.registered[0]).toMatchObject({ password: 'p2' });
  });

  it('grades a call each second, keeps the grade on the call, and reports it quietly when the hub cannot keep it yet', async () => {
    const w = world();
    await w.service.start();
    await settle();
    w.engines[0]!.emit({ type: 'call', call: call('active') });
    await vi.advanceTimersByTimeAsync(2_100);
    expect(w.service.snapshot().calls[0]?.quality?.grade).toBe('good');
    w.engines[0]!.emit({ type: 'call', call: { ...call('ended'), endedAt: 3 } });
    await settle();
    expect(w.reports).toEqual([{ sipCallId: 'sip-1', quality: expect.objectContaining({ grade: 'good', samples: 2 }) }]);
    expect(w.logs).toContain('call quality not kept by the hub');
  });

  it('runs per-call media hooks when a call is answered and their cleanup when it ends', async () => {
    const w = world();
    const seen: string[] = [];
    w.service.onCallMedia(({ sipCallId }) => {
      seen.push(`start ${sipCallId}`);
      return () => seen.push(`end ${sipCallId}`);
    });
    await w.service.start();
    await settle();
    const remote = {} as MediaStream;
    w.engines[0]!.getRemoteStream = () => remote;
    w.engines[0]!.emit({ type: 'call', call: call('active') });
    w.engines[0]!.emit({ type: 'call', call: { ...call('ended'), endedAt: 3 } });
    expect(seen).toEqual(['start sip-1', 'end sip-1']);
  });

  it('keeps supervision legs out of what the UI sees and drives, and out of quality and media hooks', async () => {
    const w = world();
    const hooked: string[] = [];
    w.service.onCallMedia(({ sipCallId }) => void hooked.push(sipCallId));
    await w.service.start();
    await settle();
    w.engines[0]!.getRemoteStream = () => ({}) as MediaStream;
    const states: number[] = [];
    w.service.onState((state) => states.push(state.calls.length));
    const leg: CallSnapshot = { ...call('active'), id: 'leg', direction: 'outbound', sipCallId: 'sip-leg', remoteUser: 'agent-sam', headers: { 'X-Switchboard-Supervision': 'sup_1' } };
    w.engines[0]!.emit({ type: 'call', call: call('active') });
    w.engines[0]!.emit({ type: 'call', call: { ...leg, state: 'dialing' } });
    w.engines[0]!.emit({ type: 'call', call: leg });
    expect(w.service.snapshot().calls.map((c) => c.id)).toEqual(['c1']);
    expect(w.service.isUserCall('leg')).toBe(false);
    expect(w.service.isUserCall('c1')).toBe(true);
    // The leg's own updates do not even wake the UI.
    expect(states).toEqual([1]);
    await vi.advanceTimersByTimeAsync(2_100);
    w.engines[0]!.emit({ type: 'call', call: { ...leg, state: 'ended', endedAt: 3 } });
    w.engines[0]!.emit({ type: 'call', call: { ...call('ended'), endedAt: 3 } });
    await settle();
    expect(hooked).toEqual(['sip-1']);
    expect(w.reports.map((r) => r.sipCallId)).toEqual(['sip-1']);
  });
});
