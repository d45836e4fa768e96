import type { SupervisionMode } from '../../../shared/protocol/supervisor-protocol';
import { SipEngineError, SUPERVISION_HEADER, type SipEngine } from '../sip-engine';
import { SupervisionMixer } from './supervision-mixer';

export interface SupervisionLegOptions {
  engine: SipEngine;
  /** The agent's call with the customer. */
  callId: string;
  /** The supervisor's SIP user or URI, dialled for the second leg. */
  supervisor: string;
  sessionId: string;
  mode: SupervisionMode;
}

/** Why a leg ended: the hub or the agent ended it, or one of the two calls went away. */
export type SupervisionLegEnd = 'ended' | 'call_ended' | 'leg_ended';

/**
 * The agent's side of one supervision session (design §5, no media server): a second call to the
 * supervisor marked with X-Switchboard-Supervision, and the SupervisionMixer between the two calls.
 * The supervisor leg sends `toSupervisor` and plays nothing (the agent hears the supervisor only
 * through the mix); the customer call sends `toCustomer` and plays `agentHears`. Ending puts the
 * customer call's own microphone and remote audio back and hangs the leg up.
 */
export class SupervisionLeg {
  private ended: Promise<void> | null = null;
  private readonly endListeners = new Set<(reason: SupervisionLegEnd) => void>();
  private readonly unsubscribe: () => void;
  private supervisorStream: MediaStream | null = null;

  private constructor(
    private readonly engine: SipEngine,
    readonly sessionId: string,
    readonly callId: string,
    readonly legCallId: string,
    private readonly mixer: SupervisionMixer,
  ) {
    this.unsubscribe = engine.onEvent((event) => {
      if (event.type !== 'call') return;
      const { call } = event;
      if (call.id === legCallId && call.state === 'active') this.plugSupervisor();
      if (call.state !== 'ended') return;
      if (call.id === legCallId) void this.end('leg_ended');
      if (call.id === callId) void this.end('call_ended');
    });
  }

  static async start(options: SupervisionLegOptions): Promise<SupervisionLeg> {
    const { engine, callId, sessionId } = options;
    const call = engine.getCalls().find((c) => c.id === callId);
    if (call?.state !== 'active') throw new SipEngineError('bad_state', `call ${callId} is not active`);
    const customer = engine.getRemoteStream(callId);
    const agentMic = engine.getLocalStream(callId);
    if (!customer || !agentMic) throw new SipEngineError('bad_state', `call ${callId} has no media yet`);

    // The agent's own microphone clone feeds the mix, so muting the call still silences the agent.
    const mixer = new SupervisionMixer({ customer, agentMic, mode: options.mode });
    await mixer.start();
    let legCallId: string | null = null;
    try {
      legCallId = await engine.call(options.supervisor, { headers: { [SUPERVISION_HEADER]: sessionId } });
      engine.setCallPlayback(legCallId, 'none');
      await engine.setCallOutgoing(legCallId, mixer.toSupervisor);
      await engine.setCallOutgoing(callId, mixer.toCustomer);
      engine.setCallPlayback(callId, mixer.agentHears);
    } catch (error) {
      await restore(engine, callId, legCallId);
      await mixer.close();
      throw error;
    }
    const leg = new SupervisionLeg(engine, sessionId, callId, legCallId, mixer);
    // The leg may have been answered (or have failed) before the listener above existed.
    const now = engine.getCalls().find((c) => c.id === legCallId);
    if (now?.state === 'active') leg.plugSupervisor();
    if (!now || now.state === 'ended') void leg.end('leg_ended');
    return leg;
  }

  /** Feeds the supervisor's audio into the mix; every call event repeats, so only a new stream is plugged. */
  private plugSupervisor(): void {
    const stream = this.engine.getRemoteStream(this.legCallId);
    if (!stream || stream === this.supervisorStream) return;
    this.supervisorStream = stream;
    this.mixer.setSupervisorStream(stream);
  }

  get mode(): SupervisionMode {
    return this.mixer.mode;
  }

  /** Moves gains only: both calls keep their tracks and nothing is renegotiated. */
  setMode(mode: SupervisionMode): void {
    if (!this.ended) this.mixer.setMode(mode);
  }

  get isEnded(): boolean {
    return this.ended !== null;
  }

  onEnded(listener: (reason: SupervisionLegEnd) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Idempotent; resolves once the customer call is back to normal and the leg is hung up. */
  end(reason: SupervisionLegEnd = 'ended'): Promise<void> {
    this.ended ??= (async () => {
      this.unsubscribe();
      await restore(this.engine, this.callId, this.legCallId);
      await this.mixer.close();
      for (const listener of this.endListeners) listener(reason);
    })();
    return this.ended;
  }
}

function isLive(engine: SipEngine, callId: string | null): callId is string {
  return callId !== null && engine.getCalls().some((c) => c.id === callId && c.state !== 'ended');
}

async function restore(engine: SipEngine, callId: string, legCallId: string | null): Promise<void> {
  if (isLive(engine, callId)) {
    engine.setCallPlayback(callId, 'remote');
    await engine.setCallOutgoing(callId, null).catch((error: unknown) => console.warn('restoring the call audio failed', error));
  }
  if (isLive(engine, legCallId)) await engine.hangup(legCallId).catch(() => undefined);
}
