import type { CallSnapshot, SipEngine } from '../sip-engine';
import { supervisionSessionOf } from './supervised-call';

/**
 * A leg for a session this phone does not know yet is given this long: the hub tells the
 * supervisor's desktop about its session and the agent's desktop to dial at about the same time,
 * and the leg can win that race. After it, the leg is refused, since the supervisor never sees it.
 */
export const UNKNOWN_LEG_GRACE_MS = 10_000;

export interface SupervisionAnswerer {
  /** Call when a session became known: a leg already ringing for it is answered now. */
  recheck(): void;
  stop(): void;
}

/**
 * The supervisor's side: answers the agent's supervision leg without a click. Only sessions the
 * supervisor actually started are answered (`expects`), because anyone can put the header on an
 * INVITE and an auto-answered call opens the supervisor's microphone. Legs are never shown as
 * calls, so one nobody expects is refused after UNKNOWN_LEG_GRACE_MS instead of ringing unseen.
 */
export function autoAnswerSupervisionLegs(
  engine: SipEngine,
  expects: (sessionId: string) => boolean,
  options: { unknownLegGraceMs?: number } = {},
): SupervisionAnswerer {
  const grace = options.unknownLegGraceMs ?? UNKNOWN_LEG_GRACE_MS;
  const handled = new Set<string>();
  const refusals = new Map<string, ReturnType<typeof setTimeout>>();

  const ringingLeg = (call: CallSnapshot): string | undefined =>
    call.direction === 'inbound' && call.state === 'ringing' && !handled.has(call.id) ? supervisionSessionOf(call) : undefined;

  const consider = (call: CallSnapshot): void => {
    const sessionId = ringingLeg(call);
    if (sessionId === undefined) return;
    if (expects(sessionId)) {
      handled.add(call.id);
      clearTimeout(refusals.get(call.id));
      refusals.delete(call.id);
      void engine.answer(call.id).catch((error: unknown) => console.warn('answering the supervision leg failed', error));
      return;
    }
    if (refusals.has(call.id)) return;
    refusals.set(
      call.id,
      setTimeout(() => {
        refusals.delete(call.id);
        const now = engine.getCalls().find((c) => c.id === call.id);
        if (!now || ringingLeg(now) === undefined) return;
        handled.add(call.id);
        void engine.reject(call.id).catch(() => undefined);
      }, grace),
    );
  };

  const off = engine.onEvent((event) => {
    if (event.type !== 'call') return;
    if (event.call.state === 'ended') {
      clearTimeout(refusals.get(event.call.id));
      refusals.delete(event.call.id);
      return;
    }
    consider(event.call);
  });
  return {
    recheck: () => engine.getCalls().forEach(consider),
    stop: () => {
      off();
      refusals.forEach((timer) => clearTimeout(timer));
      refusals.clear();
    },
  };
}
