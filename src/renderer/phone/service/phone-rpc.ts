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

  return {
    status: async () => ok(service.snapshot()),
    dial: ({ target }) => withEngine(async (e) => ({ callId: await e.call(target) })),
    answer: ({ callId }) => done((e) => e.answer(callId)),
    reject: ({ callId }) => done((e) => e.reject(callId)),
    hangUp: ({ callId }) => done((e) => e.hangup(callId)),
    hold: ({ callId }) => done((e) => e.hold(callId)),
    resume: ({ callId }) => done((e) => e.resume(callId)),
    mute: ({ callId }) => done((e) => e.mute(callId)),
    unmute: ({ callId }) => done((e) => e.unmute(callId)),
    sendDtmf: ({ callId, digits }) => withEngine(async (e) => ({ via: await e.sendDtmf(callId, digits) })),
    blindTransfer: ({ callId, target }) => done((e) => e.blindTransfer(callId, target)),
    startConsultation: ({ callId, target }) =>
      withEngine(async (e) => {
        const consultCallId = await e.startConsultation(callId, target);
        service.noteConsultation(callId, consultCallId);
        return { consultCallId };
      }),
    completeTransfer: ({ callId, consultCallId }) =>
      done(async (e) => {
        await e.completeAttendedTransfer(callId, consultCallId);
        service.noteConsultation(callId, null);
      }),
    cancelTransfer: ({ callId, consultCallId }) =>
      done(async (e) => {
        await e.cancelAttendedTransfer(callId, consultCallId);
        service.noteConsultation(callId, null);
      }),
    conference: ({ callIdA, callIdB }) => done((e) => e.conference(callIdA, callIdB)),
  };
}
