import { describe, expect, it } from 'vitest';
import { supervisionGains } from './supervision-gains';

describe('supervision gains', () => {
  it('keeps the supervisor out of every mix but the supervisor leg while monitoring', () => {
    expect(supervisionGains('monitor')).toEqual({
      toSupervisor: { customer: 1, agent: 1 },
      agentHears: { customer: 1, supervisor: 0 },
      toCustomer: { agent: 1, supervisor: 0 },
    });
  });
  it('lets only the agent hear a whisper', () => {
    expect(supervisionGains('whisper').agentHears.supervisor).toBe(1);
    expect(supervisionGains('whisper').toCustomer.supervisor).toBe(0);
  });
  it('lets everyone hear a barge', () => {
    expect(supervisionGains('barge').agentHears.supervisor).toBe(1);
    expect(supervisionGains('barge').toCustomer.supervisor).toBe(1);
  });
});
