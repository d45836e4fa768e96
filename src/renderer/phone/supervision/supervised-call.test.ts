import { describe, expect, it } from 'vitest';
import { SUPERVISION_HEADER, type CallSnapshot } from '../sip-engine';
import { pickSupervisedCall, supervisionSessionOf } from './supervised-call';

function call(id: string, patch: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    id,
    direction: 'inbound',
    state: 'active',
    remoteUser: 'customer-1',
    remoteUri: 'sip:customer-1@switchboard.test',
    sipCallId: `sip-${id}`,
    startedAt: 0,
    held: false,
    muted: false,
    ...patch,
  };
}

describe('pickSupervisedCall', () => {
  const leg = call('leg', { direction: 'outbound', headers: { [SUPERVISION_HEADER]: 'sup_1' } });

  it('finds the call by the SIP Call-ID the hub sent', () => {
    expect(pickSupervisedCall([call('a'), call('b'), leg], 'sip-b')?.id).toBe('b');
  });
  it('never picks a supervision leg, an ended or a ringing call', () => {
    const calls = [leg, call('x', { state: 'ended' }), call('y', { state: 'ringing' })];
    expect(pickSupervisedCall(calls, 'sip-leg')).toBeUndefined();
    expect(pickSupervisedCall(calls, 'sip-x')).toBeUndefined();
    expect(pickSupervisedCall(calls, undefined)).toBeUndefined();
  });
  it('without a Call-ID takes the only active call, and refuses to guess between two', () => {
    expect(pickSupervisedCall([call('a'), leg], null)?.id).toBe('a');
    expect(pickSupervisedCall([call('a'), call('b')], undefined)).toBeUndefined();
  });
  it('reads the session of a supervision leg', () => {
    expect(supervisionSessionOf(leg)).toBe('sup_1');
    expect(supervisionSessionOf(call('a'))).toBeUndefined();
  });
});
