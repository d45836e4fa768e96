import { supervisionSessionSchema, type PbxSupervisionDial, type SupervisionMode } from '../../../shared/protocol/supervisor-protocol';
import { SUPERVISION_HEADER, type CallSnapshot, type SipEngine } from '../sip-engine';

/**
 * Why a PBX leg stopped: the hub ended the session; the call ended otherwise (the PBX hung up, or
 * the supervisor hung up the leg on the phone); it never connected; or this phone went away.
 */
export type PbxLegEnd = 'session_ended' | 'call_ended' | 'failed' | 'disposed';

export type PbxSupervisionEvent =
  | { type: 'dialing'; sessionId: string; target: string; callId: string }
  | { type: 'digit'; sessionId: string; mode: SupervisionMode; digit: string }
  | { type: 'ended'; sessionId: string; reason: PbxLegEnd }
  | { type: 'failed'; sessionId: string; message: string };

export interface PbxSupervisionOptions {
  /**
   * The console's end request (`supervisor.endMonitoring`): when the leg ends other than by the
   * session's end, or the dial fails, the hub's session ends too, so the console does not show a
   * session nobody hears.
   */
  endSession?(sessionId: string): Promise<unknown>;
}

interface PbxLeg {
  sessionId: string;
  dial: PbxSupervisionDial;
  /** Null until the engine has the call dialling. */
  callId: string | null;
  /** The mode the hub says the session is in now. */
  wanted: SupervisionMode;
  /** The mode whose digit went out last; null before the first. */
  pressed: SupervisionMode | null;
  answered: boolean;
  over: boolean;
  /** Digits go out one after another, in the order the modes changed. */
  sending: Promise<void>;
}

/**
 * The supervisor's side of PBX mode (issue #7): for each of this supervisor's call sessions that
 * carries a `pbx` dial target, the supervisor's own phone dials it with X-Switchboard-Supervision,
 * presses the mode's digit once the PBX answers and again on each mode change, and hangs up when
 * the session ends. The PBX (e.g. Asterisk ChanSpy with `d`) does the mixing; nothing runs on the
 * agent's desktop. Feed it the supervisor's own sessions with `handle`; others are for other phones.
 */
export class PbxSupervision {
  private readonly legs = new Map<string, PbxLeg>();
  /** Sessions already over here: a late or replayed update must not dial them again. */
  private readonly finished = new Set<string>();
  private readonly listeners = new Set<(event: PbxSupervisionEvent) => void>();
  private readonly offEngine: () => void;

  constructor(
    private readonly engine: SipEngine,
    private readonly options: PbxSupervisionOptions = {},
  ) {
    this.offEngine = engine.onEvent((event) => {
      if (event.type === 'call') this.callChanged(event.call);
    });
  }

  onEvent(listener: (event: PbxSupervisionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One session update as the hub pushed it (validated here); sessions without `pbx` are not this module's. */
  handle(input: unknown): void {
    const parsed = supervisionSessionSchema.safeParse(input);
    if (!parsed.success) {
      console.warn('PBX supervision: not a supervision session', parsed.error.issues[0]?.message);
      return;
    }
    const session = parsed.data;
    if (session.kind !== 'call' || !session.pbx) return;
    const leg = this.legs.get(session.id);
    if (session.endedAt !== null) {
      this.finished.add(session.id);
      if (leg) void this.finish(leg, 'session_ended');
      return;
    }
    if (leg) {
      if (leg.wanted === session.mode) return;
      leg.wanted = session.mode;
      // Before the answer only the latest mode matters; after it, each one the audit lists is pressed.
      if (leg.answered) this.press(leg, session.mode);
    } else if (!this.finished.has(session.id)) {
      void this.dial(session.id, session.pbx, session.mode);
    }
  }

  /** Live legs on this phone. */
  sessions(): Array<{ sessionId: string; callId: string | null; target: string; mode: SupervisionMode | null }> {
    return [...this.legs.values()].map((leg) => ({ sessionId: leg.sessionId, callId: leg.callId, target: leg.dial.target, mode: leg.pressed }));
  }

  /** Hangs up every leg; the hub's sessions stay as they are (this phone is going away, not the supervisor). */
  async dispose(): Promise<void> {
    this.offEngine();
    await Promise.all([...this.legs.values()].map((leg) => this.finish(leg, 'disposed')));
    this.listeners.clear();
  }

  private async dial(sessionId: string, dial: PbxSupervisionDial, mode: SupervisionMode): Promise<void> {
    const leg: PbxLeg = { sessionId, dial, callId: null, wanted: mode, pressed: null, answered: false, over: false, sending: Promise.resolve() };
    this.legs.set(sessionId, leg);
    try {
      leg.callId = await this.engine.call(dial.target, { headers: { [SUPERVISION_HEADER]: sessionId } });
    } catch (error) {
      this.emit({ type: 'failed', sessionId, message: `dialling ${dial.target} failed: ${error instanceof Error ? error.message : String(error)}` });
      await this.finish(leg, 'failed');
      return;
    }
    this.emit({ type: 'dialing', sessionId, target: dial.target, callId: leg.callId });
    // The session may have ended while the INVITE went out, and the call may have moved on already.
    if (leg.over) {
      await this.hangUp(leg.callId);
      return;
    }
    const now = this.engine.getCalls().find((c) => c.id === leg.callId);
    if (now) this.callChanged(now);
  }

  private callChanged(call: CallSnapshot): void {
    const leg = [...this.legs.values()].find((l) => l.callId === call.id);
    if (!leg || leg.over) return;
    if (call.state === 'active' && !leg.answered) {
      leg.answered = true;
      this.press(leg, leg.wanted);
    } else if (call.state === 'ended') {
      const reason = leg.answered ? 'call_ended' : 'failed';
      if (reason === 'failed') this.emit({ type: 'failed', sessionId: leg.sessionId, message: `${leg.dial.target} did not answer: ${call.endReason ?? 'ended'}` });
      void this.finish(leg, reason);
    }
  }

  /**
   * Sends the digit of `mode` unless it was the last one pressed, queued behind any digit still
   * going out: every mode change gets its own step, in order, so the PBX goes through each mode the
   * hub's audit lists.
   */
  private press(leg: PbxLeg, mode: SupervisionMode): void {
    leg.sending = leg.sending.then(async () => {
      if (leg.over || leg.callId === null || mode === leg.pressed) return;
      const digit = leg.dial.digits[mode];
      try {
        await this.engine.sendDtmf(leg.callId, digit);
        leg.pressed = mode;
        this.emit({ type: 'digit', sessionId: leg.sessionId, mode, digit });
      } catch (error) {
        this.emit({ type: 'failed', sessionId: leg.sessionId, message: `the ${mode} digit was not sent: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
  }

  private async finish(leg: PbxLeg, reason: PbxLegEnd): Promise<void> {
    if (leg.over) return;
    leg.over = true;
    this.legs.delete(leg.sessionId);
    this.finished.add(leg.sessionId);
    if (leg.callId !== null && (reason === 'session_ended' || reason === 'disposed')) await this.hangUp(leg.callId);
    this.emit({ type: 'ended', sessionId: leg.sessionId, reason });
    if ((reason === 'call_ended' || reason === 'failed') && this.options.endSession) {
      await this.options.endSession(leg.sessionId).catch((error: unknown) =>
        this.emit({ type: 'failed', sessionId: leg.sessionId, message: `the session could not be ended: ${error instanceof Error ? error.message : String(error)}` }),
      );
    }
  }

  private async hangUp(callId: string): Promise<void> {
    const call = this.engine.getCalls().find((c) => c.id === callId);
    if (!call || call.state === 'ended') return;
    await this.engine.hangup(callId).catch((error: unknown) => console.warn('hanging up the PBX supervision leg failed', error));
  }

  private emit(event: PbxSupervisionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('PBX supervision listener failed', error);
      }
    }
  }
}
