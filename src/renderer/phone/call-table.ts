/**
 * The bottom of both adapters: the call table and its snapshots, the event
 * stream and the registration state. The media layer hears about each call's
 * life through three hooks (added, answered, ended).
 */
import {
  SipEngineError,
  SNAPSHOT_HEADERS,
  type CallSnapshot,
  type EngineConfig,
  type EngineEvent,
  type RegistrationState,
} from './sip-engine.js';

let nextCallNumber = 1;
export function newCallId(): string {
  return `call-${Date.now().toString(36)}-${(nextCallNumber++).toString(36)}`;
}

/** What an adapter knows when a call appears; the table adds its start time and clear hold/mute. */
export type NewCall = Omit<CallSnapshot, 'startedAt' | 'held' | 'muted'>;

/** S is the SIP library's session (dialog) type; adapters keep one per call id here. */
export abstract class CallTable<S> {
  protected readonly sessions = new Map<string, S>();
  protected readonly calls = new Map<string, CallSnapshot>();
  protected config: EngineConfig | null = null;
  protected registration: RegistrationState = 'unregistered';
  private readonly listeners = new Set<(event: EngineEvent) => void>();

  /** A call entered the table (before its first event). */
  protected abstract callAdded(callId: string): void;
  /** A call became (or again reported) active, before that event. */
  protected abstract callAnswered(callId: string): void;
  /** A call ended, after that event. */
  protected abstract callEnded(callId: string): void;

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('phone engine listener failed', error);
      }
    }
  }

  protected setRegistration(state: RegistrationState, reason?: string): void {
    if (state === this.registration && reason === undefined) return;
    this.registration = state;
    this.emit({ type: 'registration', state, ...(reason ? { reason } : {}) });
  }

  getRegistration(): RegistrationState {
    return this.registration;
  }

  getCalls(): CallSnapshot[] {
    return [...this.calls.values()].map((call) => ({ ...call }));
  }

  protected requireConfig(): EngineConfig {
    if (!this.config) throw new SipEngineError('not_registered', 'register() first');
    return this.config;
  }

  /** The user agent, if it is registered: calls are only placed then. */
  protected requireRegistered<U>(ua: U | null): U {
    if (!ua || this.registration !== 'registered') throw new SipEngineError('not_registered', 'not registered');
    return ua;
  }

  protected requireCall(callId: string): CallSnapshot {
    const call = this.calls.get(callId);
    if (!call || call.state === 'ended') throw new SipEngineError('no_such_call', `no live call ${callId}`);
    return call;
  }

  /** The library session of a live call. */
  protected session(callId: string): S {
    this.requireCall(callId);
    const session = this.sessions.get(callId);
    if (!session) throw new SipEngineError('no_such_call', `no session ${callId}`);
    return session;
  }

  protected addCall(fields: NewCall): void {
    const call: CallSnapshot = { ...fields, startedAt: Date.now(), held: false, muted: false };
    this.calls.set(call.id, call);
    this.callAdded(call.id);
    this.emit({ type: 'call', call: { ...call } });
  }

  protected updateCall(callId: string, patch: Partial<CallSnapshot>): void {
    const call = this.calls.get(callId);
    if (!call || call.state === 'ended') return;
    Object.assign(call, patch);
    if (patch.state === 'active' && call.answeredAt === undefined) call.answeredAt = Date.now();
    if (patch.state === 'active') this.callAnswered(callId);
    this.emit({ type: 'call', call: { ...call } });
    if (patch.state === 'ended') this.callEnded(callId);
  }

  protected endCall(callId: string, reason: string): void {
    this.updateCall(callId, { state: 'ended', endedAt: Date.now(), endReason: reason });
  }

  /** The SNAPSHOT_HEADERS present on an inbound INVITE, for the call's snapshot. */
  protected inboundHeaders(getHeader: (name: string) => string | undefined): Pick<CallSnapshot, 'headers'> {
    const found = SNAPSHOT_HEADERS.flatMap((name) => {
      const value = getHeader(name);
      return value ? [[name, value] as const] : [];
    });
    return found.length > 0 ? { headers: Object.fromEntries(found) } : {};
  }

  /** The headers we dialled with, for an outbound call's snapshot. */
  protected dialledHeaders(headers: Record<string, string> | undefined): Pick<CallSnapshot, 'headers'> {
    return headers && Object.keys(headers).length > 0 ? { headers } : {};
  }

  protected headerLines(headers: Record<string, string>): string[] {
    return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  }

  /** A bare user or number becomes a URI in our own domain. */
  protected toUri(target: string): string {
    if (/^sips?:/.test(target)) return target;
    const domain = /@(.+)$/.exec(this.requireConfig().uri)?.[1] ?? '';
    return `sip:${target}@${domain}`;
  }

  protected liveCallIds(): string[] {
    return [...this.calls.values()].filter((c) => c.state !== 'ended').map((c) => c.id);
  }
}
