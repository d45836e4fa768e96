import { describe, expect, it } from 'vitest';
import { serviceLevelPercent } from './queue-metrics';

const stats = (s: Partial<Parameters<typeof serviceLevelPercent>[0]>) => ({
  answered: 0, abandoned: 0, answeredWithinSla: 0, abandonedWithinSla: 0, totalAnswerMs: 0, waitingPastSla: 0, ...s,
});

describe('serviceLevelPercent', () => {
  it('has no figure before any contact is decided', () => {
    expect(serviceLevelPercent(stats({}))).toBeNull();
    // Gave up within the target: left out.
    expect(serviceLevelPercent(stats({ abandoned: 2, abandonedWithinSla: 2 }))).toBeNull();
  });

  it('counts a contact still waiting past the target as missed, so a breached wait never shows 100%', () => {
    expect(serviceLevelPercent(stats({ answered: 4, answeredWithinSla: 4 }))).toBe(100);
    expect(serviceLevelPercent(stats({ answered: 4, answeredWithinSla: 4, waitingPastSla: 4 }))).toBe(50);
  });

  it('misses contacts answered late and abandoned after the target', () => {
    expect(serviceLevelPercent(stats({ answered: 3, answeredWithinSla: 2, abandoned: 2, abandonedWithinSla: 1 }))).toBe(50);
  });
});
