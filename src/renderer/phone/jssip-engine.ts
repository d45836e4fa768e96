/**
 * SipEngine on JsSIP 3 (UA / RTCSession). Same contract as the sip.js adapter;
 * chosen with ?adapter=jssip in the harness or by configuration.
 */
import { UA, WebSocketInterface, C as JsSipConstants } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent } from 'jssip/lib/UA.js';
import { BaseEngine } from './base-engine.js';
import { newCallId } from './call-table.js';
import { GuardedJsSipSocket } from './sip-guard/guarded-jssip-socket.js';
import { callOptionsSchema, engineConfigSchema, SipEngineError, type CallOptions, type EngineConfigInput, type SipEngine } from './sip-engine.js';

interface Claim {
  id: string;
  headers?: Record<string, string>;
  replacedCallId?: string;
  autoAnswer?: boolean;
}

export class JsSipEngine extends BaseEngine<RTCSession> implements SipEngine {
  readonly adapter = 'jssip' as const;
  private ua: UA | null = null;
  /** Set by a dropped connection; cleared once registered and calls refreshed. */
  private recovering = false;
  private readonly claims = new WeakMap<RTCSession, Claim>();
  private nextOutgoing: Claim | null = null;
  /** The INVITE of each inbound call, to answer it statelessly after a reconnect. */
  private readonly invites = new WeakMap<RTCSession, object>();
  // JsSIP's UA typings omit EventEmitter's once/off in a DOM-only build, so
  // one-shot waits are kept here and settled by the permanent listeners.
  private pendingRegister: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private pendingUnregister: (() => void) | null = null;

  protected peerConnection(callId: string): RTCPeerConnection | undefined {
    return this.sessions.get(callId)?.connection ?? undefined;
  }

  async register(input: EngineConfigInput): Promise<void> {
    const config = engineConfigSchema.parse(input);
    if (this.ua) await this.dispose();
    this.config = config;
    const ua = new UA({
      sockets: [new GuardedJsSipSocket(new WebSocketInterface(config.wsUrl))],
      uri: config.uri,
      authorization_user: config.authorizationUsername,
      password: config.password,
      ...(config.displayName ? { display_name: config.displayName } : {}),
      register: false,
      register_expires: config.registerExpires,
      session_timers: false,
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 4,
    });
    this.ua = ua;
    ua.on('connecting', () => this.emit({ type: 'transport', state: 'connecting' }));
    ua.on('connected', () => {
      this.transportUp();
      if (this.wantRegistered) {
        // First connect, or reconnected after a drop (the proxy forgot our contact).
        this.setRegistration('registering');
        ua.register();
      }
    });
    ua.on('disconnected', () => {
      if (this.wantRegistered) this.recovering = true;
      this.transportLost();
    });
    ua.on('registered', () => {
      this.pendingRegister?.resolve();
      this.pendingRegister = null;
      this.setRegistration('registered');
      if (this.recovering) {
        this.recovering = false;
        this.recover(Promise.resolve());
      }
    });
    ua.on('unregistered', () => {
      this.pendingUnregister?.();
      this.pendingUnregister = null;
      if (!this.wantRegistered) this.setRegistration('unregistered');
    });
    ua.on('registrationFailed', (event) => {
      const response = event.response;
      const reason = response ? `${response.status_code} ${response.reason_phrase}` : String(event.cause);
      this.pendingRegister?.reject(new SipEngineError('failed', `REGISTER rejected: ${reason}`));
      this.pendingRegister = null;
      this.setRegistration('failed', reason);
    });
    ua.on('newRTCSession', (event: RTCSessionEvent) => this.onNewSession(event));

    this.wantRegistered = true;
    this.setRegistration('registering');
    const registered = new Promise<void>((resolve, reject) => {
      this.pendingRegister = { resolve, reject };
    });
    ua.start();
    await registered;
  }

  /**
   * JsSIP dropped the INVITE's server transaction with the old socket, so a
   * reply through the session would go nowhere: end the session locally, then
   * send the 480 statelessly (reply_sl, untyped in JsSIP's .d.ts) on the new one.
   */
  protected releaseAbandoned(session: RTCSession): void {
    if (!session.isEnded()) session.terminate({ status_code: 480, reason_phrase: 'Connection Lost' });
    const invite = this.invites.get(session);
    const replySl: unknown = invite ? Reflect.get(invite, 'reply_sl') : undefined;
    if (typeof replySl === 'function') replySl.call(invite, 480, 'Connection Lost');
  }

  protected sendUnregister(done: () => void): boolean {
    const ua = this.ua;
    if (!ua?.isRegistered() || !ua.isConnected()) return false;
    this.pendingUnregister = done;
    ua.unregister();
    return true;
  }

  private onNewSession(event: RTCSessionEvent): void {
    const session = event.session;
    const incoming = event.originator === 'remote';
    const claim = this.claims.get(session) ?? (incoming ? null : this.nextOutgoing) ?? { id: newCallId() };
    const id = claim.id;
    this.sessions.set(id, session);
    if (incoming) this.invites.set(session, event.request);
    session.on('confirmed', () => {
      this.updateCall(id, { state: 'active' });
      this.applyMute(id);
    });
    session.on('accepted', () => this.updateCall(id, { state: 'active' }));
    session.on('ended', (e) => {
      this.endCall(id, e.cause);
      this.sessions.delete(id);
    });
    session.on('failed', (e) => {
      this.endCall(id, e.cause);
      this.sessions.delete(id);
    });
    session.on('newDTMF', (e: { originator: string; dtmf: { tone: string } }) => {
      if (e.originator === 'remote') this.emit({ type: 'dtmf', callId: id, digit: e.dtmf.tone.toUpperCase(), via: 'info' });
    });
    session.on('refer', (e) => this.onRefer(id, e.accept));
    session.on('replaces', (e) => {
      // Attended transfer target: the new INVITE takes over this call.
      const accept = e.accept as (init: (s: RTCSession) => void) => void;
      accept((replacing) => this.claims.set(replacing, { id: newCallId(), replacedCallId: id, autoAnswer: true }));
    });
    const remote = session.remote_identity;
    this.addCall({
      id,
      direction: incoming ? 'inbound' : 'outbound',
      state: incoming ? 'ringing' : 'dialing',
      remoteUser: remote.uri.user,
      remoteUri: remote.uri.toString(),
      ...(remote.display_name ? { remoteDisplayName: remote.display_name } : {}),
      sipCallId: event.request.getHeader('Call-ID'),
      ...(claim.replacedCallId ? { replacedCallId: claim.replacedCallId } : {}),
      ...(incoming ? this.inboundHeaders((name) => event.request.getHeader(name) || undefined) : {}),
      ...this.dialledHeaders(claim.headers),
    });
    if (claim.autoAnswer) void this.answer(id);
  }

  private onRefer(callId: string, acceptFn: unknown): void {
    const accept = acceptFn as (init: (s: RTCSession) => void, options: object) => void;
    const id = newCallId();
    void this.localStreamForNew(id).then((stream) =>
      accept((session) => this.claims.set(session, { id, replacedCallId: callId }), this.mediaOptions(stream)),
    );
  }

  /** JsSIP wants the stream before it creates the call. */
  private localStreamForNew(id: string): Promise<MediaStream> {
    return this.localStreamFor(id);
  }

  private mediaOptions(stream: MediaStream): object {
    return {
      mediaStream: stream,
      pcConfig: { iceServers: this.requireConfig().iceServers },
      mediaConstraints: { audio: true, video: false },
    };
  }

  async call(target: string, options: CallOptions = {}): Promise<string> {
    const { headers } = callOptionsSchema.parse(options);
    const ua = this.requireRegistered(this.ua);
    const id = newCallId();
    const stream = await this.localStreamForNew(id);
    this.nextOutgoing = { id, headers };
    try {
      ua.call(this.toUri(target), {
        ...this.mediaOptions(stream),
        extraHeaders: this.headerLines(headers),
        rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
      });
    } finally {
      this.nextOutgoing = null;
    }
    return id;
  }

  async answer(callId: string): Promise<void> {
    const session = this.session(callId);
    if (session.direction !== 'incoming') throw new SipEngineError('bad_state', 'only inbound calls are answered');
    const stream = this.existingLocalStream(callId) ?? (await this.localStreamFor(callId));
    session.answer(this.mediaOptions(stream));
  }

  async reject(callId: string): Promise<void> {
    this.session(callId).terminate({ status_code: 486 });
    return Promise.resolve();
  }

  async hangup(callId: string): Promise<void> {
    this.session(callId).terminate();
    return Promise.resolve();
  }

  private waitReinvite(start: (done: () => void) => boolean, what: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SipEngineError('failed', `${what} timed out`)), 10_000);
      const ok = start(() => {
        clearTimeout(timer);
        resolve();
      });
      if (!ok) {
        clearTimeout(timer);
        reject(new SipEngineError('bad_state', `${what} not possible now`));
      }
    });
  }

  protected isEstablished(session: RTCSession): boolean {
    return session.isEstablished();
  }

  /** The refresh (ICE restart) renegotiates as the call stands, held or not. */
  protected async reinvite(callId: string, held: boolean, iceRestart: boolean): Promise<void> {
    const session = this.session(callId);
    if (iceRestart) {
      await this.waitReinvite((done) => session.renegotiate({ rtcOfferConstraints: { iceRestart: true } }, done), 'refresh');
    } else if (held) {
      await this.waitReinvite((done) => session.hold({}, done), 'hold');
    } else {
      await this.waitReinvite((done) => session.unhold({}, done), 'resume');
    }
  }

  protected sendInfoDtmf(session: RTCSession, digits: string): Promise<void> {
    session.sendDTMF(digits, { transportType: JsSipConstants.DTMF_TRANSPORT.INFO, duration: 100 });
    return Promise.resolve();
  }

  private refer(callId: string, target: string, replaces?: RTCSession): Promise<void> {
    const session = this.session(callId);
    const referred = new Promise<void>((resolve, reject) => {
      session.refer(target, {
        ...(replaces ? { replaces } : {}),
        eventHandlers: {
          requestSucceeded: () => resolve(),
          requestFailed: () => reject(new SipEngineError('failed', 'REFER rejected')),
        },
      });
    });
    return this.reportTransfer(callId, target, referred).then(() => {
      // The transferee now calls the target; our leg is done.
      if (session.isEstablished()) session.terminate();
    });
  }

  blindTransfer(callId: string, target: string): Promise<void> {
    return this.refer(callId, this.toUri(target));
  }

  completeAttendedTransfer(callId: string, consultCallId: string): Promise<void> {
    const consult = this.session(consultCallId);
    return this.refer(callId, consult.remote_identity.uri.toString(), consult);
  }

  protected stopUserAgent(): Promise<void> {
    this.ua?.stop();
    this.ua = null;
    return Promise.resolve();
  }
}
