/**
 * What both adapters share above the call table (call-table.ts) and media
 * (media-engine.ts): the signalling flows whose steps are the same in sip.js
 * and JsSIP — hold and resume, refreshing calls after a reconnect, DTMF with
 * its INFO fallback, un-registering, calls that were ringing when the socket
 * dropped, transfer outcomes, consultation and conference. Adapters supply
 * only the library calls behind each step.
 */
import { MediaEngine } from './media-engine.js';
import { isValidDtmf, SipEngineError, type CallOptions, type DtmfMode } from './sip-engine.js';

/** How long unregister() waits for the registrar's answer before giving up on it. */
const UNREGISTER_WAIT_MS = 3000;

export abstract class BaseEngine<S> extends MediaEngine<S> {
  /** The user asked to be registered: a reconnect registers again. */
  protected wantRegistered = false;
  /** Inbound calls that were ringing when the socket dropped; released with a 480 once reconnected. */
  private readonly abandoned = new Map<string, S>();

  abstract call(target: string, options?: CallOptions): Promise<string>;
  abstract hangup(callId: string): Promise<void>;
  /** A re-INVITE: hold (held) or resume, or with iceRestart a fresh offer that keeps the hold state. */
  protected abstract reinvite(callId: string, held: boolean, iceRestart: boolean): Promise<void>;
  protected abstract isEstablished(session: S): boolean;
  /** Sends digits (no pauses) as SIP INFO. */
  protected abstract sendInfoDtmf(session: S, digits: string): Promise<void>;
  /** Answers 480 to an INVITE we could no longer keep, on the new connection. */
  protected abstract releaseAbandoned(session: S): void;
  /** Sends the un-REGISTER and calls done on its answer; false when there is nothing to un-register. */
  protected abstract sendUnregister(done: () => void): boolean;
  /** Stops the library's user agent (after unregister). */
  protected abstract stopUserAgent(): Promise<void>;

  async hold(callId: string): Promise<void> {
    await this.reinvite(callId, true, false);
    this.updateCall(callId, { held: true });
    this.applyMute(callId);
  }

  async resume(callId: string): Promise<void> {
    await this.reinvite(callId, false, false);
    this.updateCall(callId, { held: false });
    this.applyMute(callId);
  }

  async refreshCalls(): Promise<void> {
    for (const id of this.liveCallIds()) {
      const session = this.sessions.get(id);
      if (!session || !this.isEstablished(session)) continue;
      const held = this.calls.get(id)?.held ?? false;
      await this.reinvite(id, held, true).catch((error: unknown) => console.warn('call refresh failed', id, error));
      this.applyMute(id);
    }
  }

  async sendDtmf(callId: string, digits: string): Promise<DtmfMode> {
    if (!isValidDtmf(digits)) throw new SipEngineError('bad_target', `invalid DTMF ${digits}`);
    const session = this.session(callId);
    if (this.chooseDtmfMode(callId) === 'rfc4733' && this.sendRtpDtmf(callId, digits)) return 'rfc4733';
    await this.sendInfoDtmf(session, digits.replace(/,/g, ''));
    return 'info';
  }

  async unregister(): Promise<void> {
    this.wantRegistered = false;
    for (const id of this.liveCallIds()) await this.hangup(id).catch(() => undefined);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, UNREGISTER_WAIT_MS);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      if (!this.sendUnregister(done)) done();
    });
    this.setRegistration('unregistered');
  }

  async dispose(): Promise<void> {
    await this.unregister().catch(() => undefined);
    await this.stopUserAgent();
    this.releaseMicrophone();
  }

  /** The socket dropped: ringing calls are lost, and we are registered no longer. */
  protected transportLost(): void {
    this.emit({ type: 'transport', state: 'disconnected' });
    this.abandonRinging();
    if (this.registration === 'registered') this.setRegistration('registering', 'connection lost');
  }

  /** The socket is up (again). The proxy takes a reply on any connection: tell it (and the caller) at once that we cannot take it. */
  protected transportUp(): void {
    this.emit({ type: 'transport', state: 'connected' });
    for (const [id, session] of this.abandoned) {
      this.abandoned.delete(id);
      this.releaseAbandoned(session);
    }
  }

  /**
   * A call ringing when the socket drops cannot be kept: the proxy's INVITE
   * branch (and any CANCEL) is bound to the dead connection, and the caller's
   * dialog would point there too. So it ends now, truthfully, as missed.
   */
  private abandonRinging(): void {
    for (const call of this.getCalls()) {
      const session = this.sessions.get(call.id);
      if (call.direction !== 'inbound' || call.state !== 'ringing' || !session) continue;
      this.abandoned.set(call.id, session);
      this.endCall(call.id, 'connection lost while ringing');
    }
  }

  /**
   * After a reconnect the proxy has forgotten our contact: once `registered`
   * settles, every call is refreshed so the far end learns our new connection.
   */
  protected recover(registered: Promise<void>): void {
    const calls = this.liveCallIds().length;
    void registered
      .then(() => this.refreshCalls())
      .then(() => this.emit({ type: 'recovered', calls }))
      .catch((error: unknown) => console.warn('re-register after reconnect failed', error));
  }

  /** Reports a REFER's outcome as a transfer event; a refused REFER still rejects. */
  protected async reportTransfer(callId: string, target: string, referred: Promise<void>): Promise<void> {
    try {
      await referred;
    } catch (error) {
      this.emit({ type: 'transfer', callId, target, outcome: 'failed' });
      throw error;
    }
    this.emit({ type: 'transfer', callId, target, outcome: 'accepted' });
  }

  async startConsultation(callId: string, target: string): Promise<string> {
    if (!this.requireCall(callId).held) await this.hold(callId);
    return this.call(target);
  }

  async cancelAttendedTransfer(callId: string, consultCallId: string): Promise<void> {
    await this.hangup(consultCallId);
    await this.resume(callId);
  }

  /** Client-side 3-way: each remote party hears us and the other remote party. */
  async conference(callIdA: string, callIdB: string): Promise<void> {
    for (const id of [callIdA, callIdB]) {
      if (this.requireCall(id).held) await this.resume(id);
    }
    await this.mix(callIdA, callIdB);
  }
}
