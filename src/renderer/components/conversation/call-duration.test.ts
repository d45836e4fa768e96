import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../shared/domain/call';
import { callSeconds, formatCallDuration } from './call-duration';

const call = (patch: Partial<CallRecord>): CallRecord => ({
  sipCallId: 'c1',
  direction: 'inbound',
  caller: '13800138000',
  answeredAt: null,
  endedAt: null,
  missed: false,
  quality: null,
  ...patch,
});

describe('call duration', () => {
  it('counts from the answer to the end, or to now while the call lasts, and is absent for an unanswered call', () => {
    expect(callSeconds(call({ answeredAt: 1_000, endedAt: 126_500 }), 999_999)).toBe(125);
    expect(callSeconds(call({ answeredAt: 1_000 }), 61_000)).toBe(60);
    expect(callSeconds(call({ endedAt: 5_000, missed: true }), 9_000)).toBeNull();
  });

  it('reads as m:ss, and h:mm:ss past an hour', () => {
    expect(formatCallDuration(0)).toBe('0:00');
    expect(formatCallDuration(125)).toBe('2:05');
    expect(formatCallDuration(3_725)).toBe('1:02:05');
  });
});
