import type { sessionContract } from '../../../shared/contracts/session-contract';
import type { supervisorContract } from '../../../shared/contracts/supervisor-contract';
import type { SupervisionSession } from '../../../shared/protocol/supervisor-protocol';
import type { ContractClient } from '../../../shared/rpc/contract';
import type { SipEngine } from '../sip-engine';
import type { PhoneService } from '../service/phone-service';

/**
 * Keeps one `T` per engine: the service makes a fresh engine per registration, so whatever works
 * on the engine is stopped and made again when it changes. `sync()` catches up at once.
 */
export function followEngine<T>(service: PhoneService, make: (engine: SipEngine) => T, stop: (made: T) => void) {
  let engine: SipEngine | null = null;
  let made: T | null = null;
  const sync = (): T | null => {
    const current = service.currentEngine();
    if (current === engine) return made;
    if (made !== null) stop(made);
    engine = current;
    made = current ? make(current) : null;
    return made;
  };
  const offState = service.onState(() => void sync());
  sync();
  return {
    sync,
    dispose(): void {
      offState();
      if (made !== null) stop(made);
      made = null;
    },
  };
}

export interface OwnSessionsHost {
  session: Pick<ContractClient<typeof sessionContract>, 'status'>;
  supervisor: Pick<ContractClient<typeof supervisorContract>, 'on'>;
}

/**
 * The call sessions the person signed in on this desktop started, in the order the hub told of
 * them. Who is signed in is asked each time, not cached: the phone page outlives sign-outs and a
 * different person may sign in.
 */
export function onOwnCallSessions(host: OwnSessionsHost, listener: (session: SupervisionSession) => void): () => void {
  const whoAmI = async (): Promise<string | null> => {
    const status = await host.session.status({});
    return status.ok ? (status.value.agent?.id ?? null) : null;
  };
  let applying: Promise<void> = Promise.resolve();
  return host.supervisor.on('session', (session) => {
    applying = applying
      .then(async () => {
        if (session.kind === 'call' && session.supervisorId === (await whoAmI())) listener(session);
      })
      // One failed update must not stop the ones after it.
      .catch((error: unknown) => console.warn('supervision session update not applied', error));
  });
}
