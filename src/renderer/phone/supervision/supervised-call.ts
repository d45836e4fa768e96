import { SUPERVISION_HEADER, type CallSnapshot } from '../sip-engine';

/** The supervision session a call belongs to when it is a supervision leg (either end). */
export function supervisionSessionOf(call: Pick<CallSnapshot, 'headers'>): string | undefined {
  return call.headers?.[SUPERVISION_HEADER];
}

/**
 * Which of the agent's calls a `call.started` notice means: the active call with the hub's SIP
 * Call-ID (Kamailio keeps it end to end); without one, the only active customer call, so an
 * agent on two calls is never mixed into the wrong one.
 */
export function pickSupervisedCall(calls: readonly CallSnapshot[], sipCallId: string | null | undefined): CallSnapshot | undefined {
  const candidates = calls.filter((c) => c.state === 'active' && supervisionSessionOf(c) === undefined);
  if (sipCallId) return candidates.find((c) => c.sipCallId === sipCallId);
  return candidates.length === 1 ? candidates[0] : undefined;
}
