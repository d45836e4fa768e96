import { describe, expect, it } from 'vitest';
import {
  abandonmentPercent,
  addQueueCounts,
  averageHandleMs,
  averageRating,
  averageSpeedOfAnswerMs,
  botResolutionPercent,
  csatPercent,
  firstContactResolutionPercent,
  noQueueCounts,
  serviceLevelPercent,
  type QueueCounts,
} from './contact-kpis';

const waits = (q: Partial<QueueCounts>): QueueCounts => ({ ...noQueueCounts, ...q });

describe('contact-center formulas, against figures worked out by hand', () => {
  it('service level: answered in time over answered, abandoned late and still waiting late', () => {
    // 8 in time, 2 late, 3 abandoned of which 1 within the target (left out), 1 still waiting past it: 8 / (8 + 2 + 2 + 1).
    expect(serviceLevelPercent(waits({ answered: 10, answeredWithinSla: 8, abandoned: 3, abandonedWithinSla: 1, waitingPastSla: 1 }))).toBe(61.5);
    expect(serviceLevelPercent(waits({ abandoned: 2, abandonedWithinSla: 2 }))).toBeNull();
  });

  it('average speed of answer and abandonment', () => {
    expect(averageSpeedOfAnswerMs(waits({ answered: 3, totalAnswerMs: 100_000 }))).toBe(33_333);
    expect(averageSpeedOfAnswerMs(noQueueCounts)).toBeNull();
    expect(abandonmentPercent(waits({ answered: 7, abandoned: 1 }))).toBe(12.5);
    expect(abandonmentPercent(noQueueCounts)).toBeNull();
  });

  it('average handle time', () => {
    expect(averageHandleMs({ handled: 4, totalHandleMs: 1_000_000 })).toBe(250_000);
    expect(averageHandleMs({ handled: 0, totalHandleMs: 0 })).toBeNull();
  });

  it('CSAT is the share of 4s and 5s; the average rating is kept beside it', () => {
    // Ratings 5, 4, 2: two satisfied of three.
    expect(csatPercent({ rated: 3, satisfied: 2, ratingSum: 11 })).toBe(66.7);
    expect(averageRating({ rated: 3, satisfied: 2, ratingSum: 11 })).toBe(3.67);
    expect(csatPercent({ rated: 0, satisfied: 0, ratingSum: 0 })).toBeNull();
  });

  it('bot resolution: resolved by the bot among all its conversations that ended', () => {
    // 3 resolved, 2 handed off, 1 abandoned: 3 / 6.
    expect(botResolutionPercent({ resolved: 3, handedOff: 2, abandoned: 1 })).toBe(50);
    expect(botResolutionPercent({ resolved: 2, handedOff: 1, abandoned: 0 })).toBe(66.7);
    expect(botResolutionPercent({ resolved: 0, handedOff: 0, abandoned: 0 })).toBeNull();
  });

  it('first-contact resolution', () => {
    expect(firstContactResolutionPercent(7, 9)).toBe(77.8);
    expect(firstContactResolutionPercent(0, 0)).toBeNull();
  });

  it('adds two periods field by field', () => {
    const a = waits({ answered: 1, answeredWithinSla: 1, totalAnswerMs: 5 });
    const b = waits({ answered: 2, abandoned: 1, totalAnswerMs: 7, waitingPastSla: 1 });
    expect(addQueueCounts(a, b)).toEqual({ answered: 3, abandoned: 1, answeredWithinSla: 1, abandonedWithinSla: 0, totalAnswerMs: 12, waitingPastSla: 1 });
  });
});
