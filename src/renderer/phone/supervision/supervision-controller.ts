import { err, ok, type Result } from '../../../shared/result';
import { agentSupervisionNoticeSchema, type SupervisionMode } from '../../../shared/protocol/supervisor-protocol';
import type { SipEngine } from '../sip-engine';
import { pickSupervisedCall } from './supervised-call';
import { SupervisionLeg, type SupervisionLegEnd } from './supervision-leg';

export interface SupervisionStatus {
  sessionId: string;
  state: 'started' | 'mode' | 'ended' | 'ignored';
  mode?: SupervisionMode;
  legCallId?: string;
}

export type SupervisionControllerEvent =
  | { type: 'started'; sessionId: string; callId: string; legCallId: string; mode: SupervisionMode }
  | { type: 'mode'; sessionId: string; mode: SupervisionMode }
  | { type: 'ended'; sessionId: string; reason: SupervisionLegEnd }
  | { type: 'failed'; sessionId: string; message: string };

/**
 * Runs the agent's side of call supervision from the hub's notices: `call.started` opens a
 * SupervisionLeg on the call the hub names, `call.mode` switches it, `call.ended` (or either call
 * ending) closes it. The phone page only calls `handle(notice)` with what the hub sent.
 */
export class SupervisionController {
  /** A start in progress is kept as its promise, so a mode or end that overtakes it waits for it. */
  private readonly legs = new Map<string, Promise<SupervisionLeg | null>>();
  private readonly listeners = new Set<(event: SupervisionControllerEvent) => void>();

  constructor(private readonly engine: SipEngine) {}

  onEvent(listener: (event: SupervisionControllerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes a notice straight from the hub (validated here); errors come back as values. */
  async handle(input: unknown): Promise<Result<SupervisionStatus>> {
    const parsed = agentSupervisionNoticeSchema.safeParse(input);
    if (!parsed.success) return err('invalid_argument', `not a supervision notice: ${parsed.error.issues[0]?.message ?? ''}`);
    const notice = parsed.data;
    switch (notice.kind) {
      case 'call.started':
        return this.start(notice.sessionId, notice.supervisorSipUser, notice.sipCallId, notice.mode);
      case 'call.mode': {
        const leg = await this.legs.get(notice.sessionId);
        if (!leg || leg.isEnded) return err('not_found', `no supervision session ${notice.sessionId} on this phone`);
        leg.setMode(notice.mode);
        this.emit({ type: 'mode', sessionId: notice.sessionId, mode: notice.mode });
        return ok({ sessionId: notice.sessionId, state: 'mode', mode: notice.mode });
      }
      case 'call.ended': {
        const leg = await this.legs.get(notice.sessionId);
        await leg?.end('ended');
        return ok({ sessionId: notice.sessionId, state: 'ended' });
      }
      case 'chat.taken_over':
        return ok({ sessionId: '', state: 'ignored' });
    }
  }

  /** Live sessions on this phone. */
  async sessions(): Promise<Array<{ sessionId: string; callId: string; legCallId: string; mode: SupervisionMode }>> {
    const legs = await Promise.all(this.legs.values());
    return legs
      .filter((leg): leg is SupervisionLeg => leg !== null && !leg.isEnded)
      .map((leg) => ({ sessionId: leg.sessionId, callId: leg.callId, legCallId: leg.legCallId, mode: leg.mode }));
  }

  async dispose(): Promise<void> {
    const legs = await Promise.all(this.legs.values());
    await Promise.all(legs.map((leg) => leg?.end('ended')));
    this.listeners.clear();
  }

  private async start(
    sessionId: string,
    supervisorSipUser: string | null,
    sipCallId: string | null | undefined,
    mode: SupervisionMode,
  ): Promise<Result<SupervisionStatus>> {
    const existing = await this.legs.get(sessionId);
    if (existing && !existing.isEnded) return ok({ sessionId, state: 'started', mode: existing.mode, legCallId: existing.legCallId });
    if (!supervisorSipUser) return this.fail(sessionId, 'unavailable', 'the supervisor has no phone to listen on');
    const call = pickSupervisedCall(this.engine.getCalls(), sipCallId);
    if (!call) return this.fail(sessionId, 'not_found', sipCallId ? `no active call with Call-ID ${sipCallId}` : 'no single active call to supervise');

    let failure = '';
    const starting = SupervisionLeg.start({ engine: this.engine, callId: call.id, supervisor: supervisorSipUser, sessionId, mode }).catch(
      (error: unknown) => {
        failure = error instanceof Error ? error.message : String(error);
        return null;
      },
    );
    this.legs.set(sessionId, starting);
    const leg = await starting;
    if (!leg) {
      this.legs.delete(sessionId);
      return this.fail(sessionId, 'unavailable', `the supervision leg could not be set up: ${failure}`);
    }
    leg.onEnded((reason) => {
      this.legs.delete(sessionId);
      this.emit({ type: 'ended', sessionId, reason });
    });
    this.emit({ type: 'started', sessionId, callId: call.id, legCallId: leg.legCallId, mode });
    return ok({ sessionId, state: 'started', mode, legCallId: leg.legCallId });
  }

  private fail(sessionId: string, code: 'unavailable' | 'not_found', message: string): Result<SupervisionStatus> {
    this.emit({ type: 'failed', sessionId, message });
    return err(code, message);
  }

  private emit(event: SupervisionControllerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('supervision listener failed', error);
      }
    }
  }
}
