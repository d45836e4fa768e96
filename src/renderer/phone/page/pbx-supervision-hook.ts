import type { sessionContract } from '../../../shared/contracts/session-contract';
import type { supervisorContract } from '../../../shared/contracts/supervisor-contract';
import type { Logger } from '../../../shared/log';
import type { ContractClient } from '../../../shared/rpc/contract';
import type { PhoneService } from '../service/phone-service';
import { PbxSupervision } from '../supervision/pbx-supervision';
import { followEngine, onOwnCallSessions } from './phone-page-follow';

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
  const endSession = async (sessionId: string): Promise<void> => {
    const ended = await host.supervisor.endMonitoring({ sessionId });
    // not_found: the session had ended at the hub already, which is what was wanted.
    if (!ended.ok && ended.error.code !== 'not_found') log.log('warn', 'PBX supervision session not ended', { session: sessionId, code: ended.error.code });
  };
  const pbx = followEngine(
    service,
    (engine) => {
      const made = new PbxSupervision(engine, { endSession });
      made.onEvent((event) => {
        if (event.type === 'failed') log.log('warn', 'PBX supervision failed', { session: event.sessionId, detail: event.message });
        else log.log('info', `PBX supervision ${event.type}`, { session: event.sessionId, ...(event.type === 'ended' ? { reason: event.reason } : {}) });
      });
      return made;
    },
    (made) => void made.dispose(),
  );
  const offSession = onOwnCallSessions(host, (session) => {
    if (session.pbx) pbx.sync()?.handle(session);
  });
  return () => {
    offSession();
    pbx.dispose();
  };
}
