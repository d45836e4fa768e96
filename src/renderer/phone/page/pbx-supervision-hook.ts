import type { sessionContract } from '../../../shared/contracts/session-contract';
import type { supervisorContract } from '../../../shared/contracts/supervisor-contract';
import type { Logger } from '../../../shared/log';
import type { SupervisionSession } from '../../../shared/protocol/supervisor-protocol';
import type { ContractClient } from '../../../shared/rpc/contract';
import type { SipEngine } from '../sip-engine';
import type { PhoneService } from '../service/phone-service';
import { PbxSupervision } from '../supervision/pbx-supervision';

export interface PbxSupervisionHost {
  session: Pick<ContractClient<typeof sessionContract>, 'status'>;
  supervisor: Pick<ContractClient<typeof supervisorContract>, 'on' | 'endMonitoring'>;
}

/**
 * Call supervision in PBX mode (issue #7) on this desktop: when the hub runs in PBX mode, the
 * sessions this supervisor starts carry a dial target, and this phone dials the PBX for them
 * (PbxSupervision). Sessions without one are the agent's desktop's to mix (wireSupervision).
 * The service makes a fresh engine per registration, so this follows the current engine.
 */
export function wirePbxSupervision(service: PhoneService, host: PbxSupervisionHost, log: Logger): () => void {
  let engine: SipEngine | null = null;
  let pbx: PbxSupervision | null = null;

  const endSession = async (sessionId: string): Promise<void> => {
    const ended = await host.supervisor.endMonitoring({ sessionId });
    // not_found: the session had ended at the hub already, which is what was wanted.
    if (!ended.ok && ended.error.code !== 'not_found') log.log('warn', 'PBX supervision session not ended', { session: sessionId, code: ended.error.code });
  };
  const follow = (): void => {
    const current = service.currentEngine();
    if (current === engine) return;
    void pbx?.dispose();
    engine = current;
    pbx = current ? new PbxSupervision(current, { endSession }) : null;
    pbx?.onEvent((event) => {
      if (event.type === 'failed') log.log('warn', 'PBX supervision failed', { session: event.sessionId, detail: event.message });
      else log.log('info', `PBX supervision ${event.type}`, { session: event.sessionId, ...(event.type === 'ended' ? { reason: event.reason } : {}) });
    });
  };

  // Asked each time, not cached: the phone page outlives sign-outs and a different person may sign in.
  const whoAmI = async (): Promise<string | null> => {
    const status = await host.session.status({});
    return status.ok ? (status.value.agent?.id ?? null) : null;
  };
  /** Updates are applied in the order they came, though each waits for whoAmI. */
  let applying: Promise<void> = Promise.resolve();
  const apply = (session: SupervisionSession): void => {
    applying = applying.then(async () => {
      if (session.kind !== 'call' || !session.pbx || session.supervisorId !== (await whoAmI())) return;
      follow();
      pbx?.handle(session);
    });
  };

  const offState = service.onState(follow);
  const offSession = host.supervisor.on('session', apply);
  follow();
  return () => {
    offState();
    offSession();
    void pbx?.dispose();
  };
}
