/**
 * SipEngine on sip.js 0.21 (UserAgent / Registerer / Inviter / Invitation).
 * The default adapter.
 */
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  Session,
  SessionState,
  SIPExtension,
  UserAgent,
  Web,
  type Info,
  type Referral,
} from 'sip.js';
import { BaseEngine } from './base-engine.js';
import { newCallId } from './call-table.js';
import { parseDtmfInfo, dtmfInfoBody } from './dtmf-info.js';
import { guardSipJsTransport } from './sip-guard/guard-sipjs-transport.js';
import { callOptionsSchema, engineConfigSchema, SipEngineError, type CallOptions, type EngineConfigInput, type SipEngine } from './sip-engine.js';

export class SipJsEngine extends BaseEngine<Session> implements SipEngine {
  readonly adapter = 'sipjs' as const;
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private readonly idsBySession = new WeakMap<Session, string>();

  protected peerConnection(callId: string): RTCPeerConnection | undefined {
    const sdh = this.sessions.get(callId)?.sessionDescriptionHandler;
    return sdh instanceof Web.SessionDescriptionHandler ? sdh.peerConnection : undefined;
  }

  async register(input: EngineConfigInput): Promise<void> {
    const config = engineConfigSchema.parse(input);
    if (this.ua) await this.dispose();
    this.config = config;
    const uri = UserAgent.makeURI(config.uri);
    if (!uri) throw new SipEngineError('bad_target', `bad SIP URI ${config.uri}`);
    const ua = new UserAgent({
      uri,
      authorizationUsername: config.authorizationUsername,
      authorizationPassword: config.password,
      ...(config.displayName ? { displayName: config.displayName } : {}),
      transportOptions: { server: config.wsUrl, traceSip: false },
      logLevel: 'error',
      // Attended transfer target: answer an INVITE that replaces our dialog.
      sipExtensionReplaces: SIPExtension.Supported,
      reconnectionAttempts: 1000,
      reconnectionDelay: 1,
      sessionDescriptionHandlerFactory: (session, options) => {
        const id = this.idsBySession.get(session) ?? 'unknown';
        // Each call gets its own clone of the outgoing audio.
        return Web.defaultSessionDescriptionHandlerFactory(() => this.localStreamFor(id))(session, options);
      },
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: config.iceServers },
        iceGatheringTimeout: 1000,
      },
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onConnect: () => this.onReconnected(),
        onDisconnect: () => this.transportLost(),
      },
    });
    guardSipJsTransport(ua);
    this.ua = ua;
    this.emit({ type: 'transport', state: 'connecting' });
    await ua.start();
    this.registerer = new Registerer(ua, { expires: config.registerExpires });
    this.registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) this.setRegistration('registered');
      if (state === RegistererState.Unregistered && !this.wantRegistered) this.setRegistration('unregistered');
    });
    this.wantRegistered = true;
    await this.sendRegister();
  }

  private sendRegister(): Promise<void> {
    const registerer = this.registerer;
    if (!registerer) return Promise.resolve();
    this.setRegistration('registering');
    return new Promise<void>((resolve, reject) => {
      const onState = (state: RegistererState): void => {
        if (state === RegistererState.Registered) {
          off();
          resolve();
        }
      };
      const off = (): void => registerer.stateChange.removeListener(onState);
      registerer.stateChange.addListener(onState);
      registerer
        .register({
          requestDelegate: {
            // A re-REGISTER while still "Registered" fires no state change.
            onAccept: () => {
              off();
              this.setRegistration('registered');
              resolve();
            },
            onReject: (response) => {
              off();
              const reason = `${response.message.statusCode} ${response.message.reasonPhrase}`;
              this.setRegistration('failed', reason);
              reject(new SipEngineError('failed', `REGISTER rejected: ${reason}`));
            },
          },
        })
        .catch((error: unknown) => {
          off();
          this.setRegistration('failed', String(error));
          reject(new SipEngineError('failed', String(error)));
        });
    });
  }

  protected releaseAbandoned(session: Session): void {
    if (session instanceof Invitation) session.reject({ statusCode: 480, reasonPhrase: 'Connection Lost' }).catch(() => undefined);
  }

  private onReconnected(): void {
    this.transportUp();
    // The first connect happens inside register(); only a reconnect lands here with a registerer.
    // The proxy dropped our contact with the old connection: register again.
    if (this.wantRegistered && this.registerer) this.recover(this.sendRegister());
  }

  protected sendUnregister(done: () => void): boolean {
    const registerer = this.registerer;
    if (!registerer || this.registration !== 'registered' || !this.ua?.isConnected()) return false;
    registerer.unregister({ requestDelegate: { onAccept: done, onReject: done } }).catch(done);
    return true;
  }

  private track(session: Session, id: string): void {
    this.sessions.set(id, session);
    this.idsBySession.set(session, id);
    session.delegate = {
      onInfo: (info) => this.onInfo(id, info),
      onRefer: (referral) => this.onRefer(id, referral),
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        this.updateCall(id, { state: 'active' });
        this.applyMute(id);
      }
      if (state === SessionState.Terminated) {
        this.endCall(id, 'terminated');
        this.sessions.delete(id);
      }
    });
  }

  private onInvite(invitation: Invitation): void {
    const id = newCallId();
    const remote = invitation.remoteIdentity;
    // sip.js matched a Replaces header to one of our dialogs (attended transfer).
    const replacee: unknown = Reflect.get(invitation, '_replacee');
    const replacedId = replacee instanceof Session ? this.idsBySession.get(replacee) : undefined;
    this.track(invitation, id);
    this.addCall({
      id,
      direction: 'inbound',
      state: 'ringing',
      remoteUser: remote.uri.user ?? '',
      remoteUri: remote.uri.toString(),
      ...(remote.displayName ? { remoteDisplayName: remote.displayName } : {}),
      sipCallId: invitation.request.callId,
      ...(replacedId ? { replacedCallId: replacedId } : {}),
      ...this.inboundHeaders((name) => invitation.request.getHeader(name)),
    });
    if (replacedId && replacee instanceof Session) {
      void this.answer(id).then(() => this.hangup(replacedId).catch(() => undefined));
    }
  }

  async call(target: string, options: CallOptions = {}): Promise<string> {
    const { headers } = callOptionsSchema.parse(options);
    const ua = this.requireRegistered(this.ua);
    const targetUri = UserAgent.makeURI(this.toUri(target));
    if (!targetUri) throw new SipEngineError('bad_target', `bad target ${target}`);
    const id = newCallId();
    const inviter = new Inviter(ua, targetUri, {
      extraHeaders: this.headerLines(headers),
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    this.track(inviter, id);
    this.addCall({
      id,
      direction: 'outbound',
      state: 'dialing',
      remoteUser: targetUri.user ?? target,
      remoteUri: targetUri.toString(),
      sipCallId: inviter.request.callId,
      ...this.dialledHeaders(headers),
    });
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => this.endCall(id, `${response.message.statusCode} ${response.message.reasonPhrase}`),
      },
    });
    return id;
  }

  async answer(callId: string): Promise<void> {
    const session = this.session(callId);
    if (!(session instanceof Invitation)) throw new SipEngineError('bad_state', 'only inbound calls are answered');
    await session.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  }

  async reject(callId: string): Promise<void> {
    const session = this.session(callId);
    if (!(session instanceof Invitation)) throw new SipEngineError('bad_state', 'only inbound calls are rejected');
    await session.reject({ statusCode: 486 });
  }

  async hangup(callId: string): Promise<void> {
    const session = this.session(callId);
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter) await session.cancel();
    else if (session instanceof Invitation) await session.reject({ statusCode: 480 });
  }

  protected isEstablished(session: Session): boolean {
    return session.state === SessionState.Established;
  }

  protected async reinvite(callId: string, held: boolean, iceRestart: boolean): Promise<void> {
    const session = this.session(callId);
    if (session.state !== SessionState.Established) throw new SipEngineError('bad_state', 'call not established');
    const sdhOptions: Web.SessionDescriptionHandlerOptions = {
      hold: held,
      constraints: { audio: true, video: false },
      ...(iceRestart ? { offerOptions: { iceRestart: true } } : {}),
    };
    await new Promise<void>((resolve, reject) => {
      session
        .invite({
          sessionDescriptionHandlerOptions: sdhOptions,
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) =>
              reject(new SipEngineError('failed', `re-INVITE rejected: ${response.message.statusCode}`)),
          },
        })
        .catch(reject);
    });
  }

  protected async sendInfoDtmf(session: Session, digits: string): Promise<void> {
    for (const digit of digits) {
      await session.info({
        requestOptions: {
          body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: dtmfInfoBody(digit) },
        },
      });
    }
  }

  private onInfo(callId: string, info: Info): void {
    const digit = parseDtmfInfo(info.request.getHeader('content-type') ?? '', info.request.body);
    void info.accept();
    if (digit) this.emit({ type: 'dtmf', callId, digit, via: 'info' });
  }

  private onRefer(callId: string, referral: Referral): void {
    void referral.accept().then(() => {
      const inviter = referral.makeInviter({
        sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
      });
      const id = newCallId();
      this.track(inviter, id);
      this.addCall({
        id,
        direction: 'outbound',
        state: 'dialing',
        remoteUser: referral.referTo.uri.user ?? '',
        remoteUri: referral.referTo.uri.toString(),
        sipCallId: inviter.request.callId,
        replacedCallId: callId,
      });
      return inviter.invite();
    });
  }

  private async refer(callId: string, target: string | Session): Promise<void> {
    const session = this.session(callId);
    const referTo = typeof target === 'string' ? UserAgent.makeURI(this.toUri(target)) : target;
    if (!referTo) throw new SipEngineError('bad_target', `bad transfer target`);
    const label = typeof target === 'string' ? target : 'consultation';
    const referred = new Promise<void>((resolve, reject) => {
      session
        .refer(referTo, {
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) => reject(new SipEngineError('failed', `REFER rejected: ${response.message.statusCode}`)),
          },
        })
        .catch(reject);
    });
    await this.reportTransfer(callId, label, referred);
    // The transferee now calls the target; our leg is done.
    await this.hangup(callId).catch(() => undefined);
  }

  blindTransfer(callId: string, target: string): Promise<void> {
    return this.refer(callId, target);
  }

  async completeAttendedTransfer(callId: string, consultCallId: string): Promise<void> {
    await this.refer(callId, this.session(consultCallId));
  }

  protected async stopUserAgent(): Promise<void> {
    this.registerer?.dispose().catch(() => undefined);
    await this.ua?.stop().catch(() => undefined);
    this.ua = null;
    this.registerer = null;
  }
}
