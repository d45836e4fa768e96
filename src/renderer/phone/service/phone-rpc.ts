import type { phoneContract } from '../../../shared/contracts/phone-contract';
import type { ContractImpl } from '../../../shared/rpc/contract';
import { err, ok, type Result } from '../../../shared/result';
import type { SipEngine } from '../sip-engine';
import { engineFailure } from './engine-failure';
import type { PhoneService } from './phone-service';

/** The phone contract served from the phone page: each method is one engine call, failures as values. */
export function phoneRpc(service: PhoneService): ContractImpl<typeof phoneContract> {
  async function withEngine<T>(run: (engine: SipEngine) => Promise<T> | T): Promise<Result<T>> {
    const engine = service.currentEngine();
    if (!engine) return err('unavailable', 'the phone is not registered');
    try {
      return ok(await run(engine));
    } catch (error) {
      return { ok: false, error: engineFailure(error) };
    }
  }
  const done = <T>(run: (engine: SipEngine) => Promise<T> | T) => withEngine(async (e) => (await run(e), {}));
  /** Supervision legs are not the UI's to drive: to it they do not exist. */
  const userCall = <T>(callIds: string[], run: () => Promise<Result<T>>): Promise<Result<T>> => {
    const hidden = callIds.find((id) => !service.isUserCall(id));
    return hidden ? Promise.resolve(err('not_found', `no call ${hidden}`)) : run();
  };

  return {
    status: async () => ok(service.snapshot()),
    dial: ({ target }) => withEngine(async (e) => ({ callId: await e.call(target) })),
    answer: ({ callId }) => userCall([callId], () => done((e) => e.answer(callId))),
    reject: ({ callId }) => userCall([callId], () => done((e) => e.reject(callId))),
    hangUp: ({ callId }) => userCall([callId], () => done((e) => e.hangup(callId))),
    hold: ({ callId }) => userCall([callId], () => done((e) => e.hold(callId))),
    resume: ({ callId }) => userCall([callId], () => done((e) => e.resume(callId))),
    mute: ({ callId }) => userCall([callId], () => done((e) => e.mute(callId))),
    unmute: ({ callId }) => userCall([callId], () => done((e) => e.unmute(callId))),
    sendDtmf: ({ callId, digits }) => userCall([callId], () => withEngine(async (e) => ({ via: await e.sendDtmf(callId, digits) }))),
    blindTransfer: ({ callId, target }) => userCall([callId], () => done((e) => e.blindTransfer(callId, target))),
    startConsultation: ({ callId, target }) =>
      userCall([callId], () =>
        withEngine(async (e) => {
          const consultCallId = await e.startConsultation(callId, target);
          service.noteConsultation(callId, consultCallId);
          return { consultCallId };
        }),
      ),
    completeTransfer: ({ callId, consultCallId }) =>
      userCall([callId, consultCallId], () =>
        done(async (e) => {
          await e.completeAttendedTransfer(callId, consultCallId);
          service.noteConsultation(callId, null);
        }),
      ),
    cancelTransfer: ({ callId, consultCallId }) =>
      userCall([callId, consultCallId], () =>
        done(async (e) => {
          await e.cancelAttendedTransfer(callId, consultCallId);
          service.noteConsultation(callId, null);
        }),
      ),
    conference: ({ callIdA, callIdB }) => userCall([callIdA, callIdB], () => done((e) => e.conference(callIdA, callIdB))),
  };
}
