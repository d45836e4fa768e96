import type { PhoneCall, PhoneState } from '../../../shared/contracts/phone-contract';
import type { sessionContract } from '../../../shared/contracts/session-contract';
import type { CallQuality } from '../../../shared/domain/call';
import type { Logger } from '../../../shared/log';
import type { SipLoginCredentials } from '../../../shared/protocol/hub-protocol';
import type { ContractClient } from '../../../shared/rpc/contract';
import type { Result } from '../../../shared/result';
import type { Prefs } from '../../lib/prefs';
import { CONVERSATION_HEADER, type CallSnapshot, type EngineEvent, type SipEngine } from '../sip-engine';
import { supervisionSessionOf } from '../supervision/supervised-call';
import { CallQualityMonitor } from './call-quality-monitor';
import { engineFailure } from './engine-failure';

export type Adapter = SipEngine['adapter'];

/** What the phone page needs from the host: the session (credentials, sign-out) and where call quality goes. */
export interface PhoneHost {
  session: Pick<ContractClient<typeof sessionContract>, 'status' | 'sipCredentials' | 'on'>;
  reportCallQuality(input: { sipCallId: string; quality: CallQuality }): Promise<Result<unknown>>;
}

/**
 * A per-call hook for work on the call's audio (supervision legs, voice agitation). Called once the
 * call is answered; the returned function, if any, runs when the call ends.
 */
export type CallMediaHook = (call: { callId: string; sipCallId: string; local: MediaStream | null; remote: MediaStream }) => (() => void) | void;

export interface PhoneServiceDeps {
  host: PhoneHost;
  createEngine(adapter: Adapter): SipEngine;
  prefs(): Prefs;
  /** The microphone for calls; null means the engine's default. */
  openMicrophone(deviceId: string): Promise<MediaStream | null>;
  log: Logger;
  now?: () => number;
}

/** Ended calls stay in the state this long, so a UI can show how they ended. */
const ENDED_KEPT_MS = 60_000;
/** Re-register this long before the hub's SIP password expires (the host refreshes it 15 min ahead). */
const RENEW_BEFORE_EXPIRY_MS = 10 * 60_000;

/**
 * The phone engine's owner in the phone page: registers with the hub-issued credentials, follows
 * sign-in and sign-out, grades call quality, and serves the UI the plain state it may see.
 */
export class PhoneService {
  private engine: SipEngine | null = null;
  private offEngine: (() => void) | null = null;
  private state: PhoneState;
  private readonly calls = new Map<string, PhoneCall>();
  /**
   * Supervision legs (either end): run by the supervision code, never shown to the UI. In silent
   * monitor the agent must not see that anyone listens, nor be able to hang the leg up.
   */
  private readonly legs = new Set<string>();
  private readonly listeners = new Set<(state: PhoneState) => void>();
  private readonly consultations = new Map<string, string>();
  private readonly quality: CallQualityMonitor;
  private readonly mediaHooks: CallMediaHook[] = [];
  private readonly mediaCleanups = new Map<string, Array<() => void>>();
  private credentials: SipLoginCredentials | null = null;
  /** Set when the credentials or adapter should change once no call is up. */
  private reRegisterWhenIdle = false;
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private wasOnline = false;
  private busy: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: PhoneServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.state = { link: 'starting', adapter: deps.prefs().sipAdapter, registration: 'unregistered', transport: 'disconnected', detail: null, calls: [] };
    this.quality = new CallQualityMonitor({
      getStats: (callId) => this.engine?.getStats(callId) ?? Promise.resolve(null),
      onLive: (callId, quality) => this.patchCall(callId, { quality }),
      onFinal: (sipCallId, quality) => void this.reportQuality(sipCallId, quality),
    });
  }

  /** Adds a per-call media hook; returns a function that removes it. */
  onCallMedia(hook: CallMediaHook): () => void {
    this.mediaHooks.push(hook);
    return () => {
      const at = this.mediaHooks.indexOf(hook);
      if (at >= 0) this.mediaHooks.splice(at, 1);
    };
  }

  onState(listener: (state: PhoneState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): PhoneState {
    return { ...this.state, calls: this.callList() };
  }

  /** The engine, for the service's RPC face; null before the first registration. */
  currentEngine(): SipEngine | null {
    return this.engine;
  }

  /** Whether the UI may see and drive this call: not a supervision leg. */
  isUserCall(callId: string): boolean {
    return !this.legs.has(callId);
  }

  consultationOf(callId: string): string | undefined {
    return this.consultations.get(callId);
  }

  noteConsultation(callId: string, consultCallId: string | null): void {
    const previous = this.consultations.get(callId);
    if (consultCallId) this.consultations.set(callId, consultCallId);
    else this.consultations.delete(callId);
    for (const id of [callId, consultCallId ?? previous]) if (id && this.calls.has(id)) this.patchCall(id, {});
  }

  async start(): Promise<void> {
    this.deps.host.session.on('connection', (connection) => {
      const online = connection.status === 'online';
      if (connection.status === 'signed_out') this.serialize(() => this.signOut());
      else if (online && !this.wasOnline) this.serialize(() => this.reRegister('hub connection is back'));
      this.wasOnline = online;
    });
    this.deps.host.session.on('agent', () => {
      if (this.state.link !== 'ready') this.serialize(() => this.reRegister('agent signed in'));
    });
    const status = await this.deps.host.session.status({});
    this.wasOnline = status.ok && status.value.connection.status === 'online';
    if (!status.ok || !status.value.agent) {
      this.setState({ link: 'signed_out' });
      return;
    }
    this.serialize(() => this.reRegister('phone page started'));
  }

  /** Prefs changed in another page: devices apply now, the adapter once the phone is idle. */
  applyPrefs(prefs: Prefs): void {
    const engine = this.engine;
    if (!engine) return;
    void engine.setOutputDevice(prefs.speakerId).catch((e: unknown) => this.warn('speaker could not be selected', e));
    if (this.liveCalls().length === 0) void this.useMicrophone(engine, prefs.microphoneId);
    if (prefs.sipAdapter !== engine.adapter) {
      this.reRegisterWhenIdle = true;
      this.maybeReRegisterWhenIdle();
    }
  }

  /** Unregisters and lets go of the engine (sign-out, page unload). */
  async stop(): Promise<void> {
    await this.signOut();
  }

  private serialize(step: () => Promise<void>): void {
    this.busy = this.busy.then(step).catch((e: unknown) => this.warn('phone step failed', e));
  }

  private liveCalls(): PhoneCall[] {
    return [...this.calls.values()].filter((c) => c.state !== 'ended');
  }

  /**
   * (Re-)registers with fresh credentials. Registering drops live calls, so while a call is up
   * this only notes that it is due and does it once the phone is idle.
   */
  private async reRegister(why: string): Promise<void> {
    if (this.liveCalls().length > 0) {
      this.reRegisterWhenIdle = true;
      this.deps.log.log('info', 'phone re-registration waits for the calls to end', { why });
      return;
    }
    this.reRegisterWhenIdle = false;
    const issued = await this.deps.host.session.sipCredentials({});
    if (!issued.ok) {
      const signedOut = issued.error.code === 'unauthenticated';
      this.setState({ link: signedOut ? 'signed_out' : 'error', detail: issued.error.message });
      if (!signedOut) this.deps.log.log('warn', 'phone could not get SIP credentials', { code: issued.error.code });
      return;
    }
    if (!issued.value) {
      this.setState({ link: 'no_telephony', detail: null });
      this.deps.log.log('info', 'hub has no telephony: phone stays off');
      return;
    }
    const adapter = this.deps.prefs().sipAdapter;
    const same = this.credentials?.password === issued.value.password && this.credentials.uri === issued.value.uri;
    if (this.engine && same && this.engine.adapter === adapter && this.engine.getRegistration() === 'registered') {
      this.deps.log.log('info', 'phone stays registered: nothing changed', { why });
      return;
    }
    this.credentials = issued.value;
    // A fresh engine for every registration: an engine registered twice can still hear its old
    // user agent's events (JsSIP reported "registering" after a second register()).
    await this.dropEngine();
    const engine = this.adoptEngine(adapter);
    const prefs = this.deps.prefs();
    await this.useMicrophone(engine, prefs.microphoneId);
    await engine.setOutputDevice(prefs.speakerId).catch((e: unknown) => this.warn('speaker could not be selected', e));
    this.setState({ link: 'ready', adapter, detail: null });
    this.deps.log.log('info', 'phone registering', { why, adapter });
    try {
      await engine.register({
        wsUrl: issued.value.wsUrl,
        uri: issued.value.uri,
        authorizationUsername: issued.value.authorizationUsername,
        password: issued.value.password,
      });
    } catch (e) {
      this.setState({ detail: engineFailure(e).message });
      this.warn('phone registration failed', e);
    }
    this.scheduleRenewal(issued.value.expiresAt);
  }

  private scheduleRenewal(expiresAt: number): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    const wait = Math.max(30_000, expiresAt - this.now() - RENEW_BEFORE_EXPIRY_MS);
    this.renewTimer = setTimeout(() => this.serialize(() => this.reRegister('SIP credentials near expiry')), wait);
  }

  private async signOut(): Promise<void> {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
    this.credentials = null;
    this.reRegisterWhenIdle = false;
    await this.dropEngine();
    this.setState({ link: 'signed_out', registration: 'unregistered', transport: 'disconnected', detail: null });
  }

  private async dropEngine(): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    this.engine = null;
    this.offEngine?.();
    this.offEngine = null;
    for (const call of this.liveCalls()) this.onCall({ ...call, state: 'ended', endedAt: this.now(), endReason: 'signed out' });
    await engine.unregister().catch((e: unknown) => this.warn('phone unregister failed', e));
    await engine.dispose().catch((e: unknown) => this.warn('phone engine dispose failed', e));
    this.setState({ registration: 'unregistered', transport: 'disconnected' });
    this.deps.log.log('info', 'phone unregistered');
  }

  private adoptEngine(adapter: Adapter): SipEngine {
    const engine = this.deps.createEngine(adapter);
    this.engine = engine;
    this.offEngine = engine.onEvent((event) => this.onEngineEvent(event));
    return engine;
  }

  private async useMicrophone(engine: SipEngine, deviceId: string): Promise<void> {
    try {
      engine.setOutgoingStream(await this.deps.openMicrophone(deviceId));
    } catch (e) {
      // The chosen microphone is gone (unplugged): calls still work on the default one.
      this.warn('chosen microphone unavailable; using the default', e);
      engine.setOutgoingStream(null);
    }
  }

  private onEngineEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'registration':
        this.setState({ registration: event.state, detail: event.reason ?? (event.state === 'registered' ? null : this.state.detail) });
        return;
      case 'transport':
        this.setState({ transport: event.state });
        return;
      case 'recovered':
        this.deps.log.log('info', 'phone recovered after a dropped connection', { calls: event.calls });
        return;
      case 'call':
        this.onCall(event.call);
        return;
      case 'dtmf':
      case 'transfer':
        return;
    }
  }

  private onCall(snapshot: CallSnapshot): void {
    const previous = this.calls.get(snapshot.id);
    const conversationId = snapshot.headers?.[CONVERSATION_HEADER];
    const call: PhoneCall = { ...snapshot, ...(conversationId ? { conversationId } : {}), quality: previous?.quality ?? null };
    this.calls.set(snapshot.id, call);
    const leg = this.legs.has(call.id) || supervisionSessionOf(snapshot) !== undefined;
    if (leg) this.legs.add(call.id);
    // A leg's audio is the supervision mix: no quality grading or voice agitation of its own.
    if (!leg && call.state === 'active' && previous?.state !== 'active') this.callAnswered(call);
    if (call.state === 'ended' && previous?.state !== 'ended') this.callEnded(call);
    if (!leg) this.emit();
  }

  private callAnswered(call: PhoneCall): void {
    this.quality.track(call.id, call.sipCallId);
    const remote = this.engine?.getRemoteStream(call.id);
    if (!remote) return;
    const cleanups: Array<() => void> = [];
    for (const hook of this.mediaHooks) {
      try {
        const cleanup = hook({ callId: call.id, sipCallId: call.sipCallId, local: this.engine?.getLocalStream(call.id) ?? null, remote });
        if (cleanup) cleanups.push(cleanup);
      } catch (e) {
        this.warn('call media hook failed', e);
      }
    }
    this.mediaCleanups.set(call.id, cleanups);
  }

  private callEnded(call: PhoneCall): void {
    this.quality.finish(call.id);
    this.mediaCleanups.get(call.id)?.forEach((cleanup) => cleanup());
    this.mediaCleanups.delete(call.id);
    for (const [original, consult] of this.consultations) if (original === call.id || consult === call.id) this.consultations.delete(original);
    setTimeout(() => {
      if (this.calls.get(call.id)?.state === 'ended') {
        this.calls.delete(call.id);
        if (!this.legs.delete(call.id)) this.emit();
      }
    }, ENDED_KEPT_MS);
    this.maybeReRegisterWhenIdle();
  }

  private maybeReRegisterWhenIdle(): void {
    if (this.reRegisterWhenIdle && this.liveCalls().length === 0 && this.credentials) this.serialize(() => this.reRegister('phone idle again'));
  }

  private patchCall(callId: string, patch: Partial<PhoneCall>): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.set(callId, { ...call, ...patch });
    this.emit();
  }

  private async reportQuality(sipCallId: string, quality: CallQuality): Promise<void> {
    const result = await this.deps.host.reportCallQuality({ sipCallId, quality });
    // Until the hub keeps call quality, the host answers `unavailable`: nothing for the agent to do.
    if (!result.ok) this.deps.log.log('info', 'call quality not kept by the hub', { code: result.error.code, grade: quality.grade });
  }

  private callList(): PhoneCall[] {
    const withLinks = [...this.calls.values()].filter((call) => !this.legs.has(call.id)).map((call) => {
      const consultCallId = this.consultations.get(call.id);
      const consultFor = [...this.consultations].find(([, consult]) => consult === call.id)?.[0];
      return { ...call, ...(consultCallId ? { consultCallId } : {}), ...(consultFor ? { consultFor } : {}) };
    });
    const live = withLinks.filter((c) => c.state !== 'ended').sort((a, b) => a.startedAt - b.startedAt);
    const ended = withLinks.filter((c) => c.state === 'ended').sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
    return [...live, ...ended];
  }

  private setState(patch: Partial<PhoneState>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit(): void {
    const snapshot = this.snapshot();
    this.listeners.forEach((l) => l(snapshot));
  }

  private warn(message: string, error: unknown): void {
    this.deps.log.log('warn', message, { detail: engineFailure(error).message });
  }
}
