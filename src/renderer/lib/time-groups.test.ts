import { describe, expect, it } from 'vitest';
import { groupByTime, relativeDay } from './time-groups';

describe('time grouping', () => {
  it('puts a day marker before each day and a pause marker after a long gap', () => {
    const day = new Date(2026, 0, 5, 9, 0).getTime();
    const items = [
      { id: 'a', createdAt: day },
      { id: 'b', createdAt: day + 60_000 },
      { id: 'c', createdAt: day + 3 * 3_600_000 },
      { id: 'd', createdAt: day + 86_400_000 },
    ];
    expect(groupByTime(items).map((e) => (e.kind === 'item' ? e.item.id : e.kind))).toEqual(['day', 'a', 'b', 'gap', 'c', 'day', 'd']);
  });
  it('names today and yesterday', () => {
    const now = new Date(2026, 0, 5, 12).getTime();
    expect(relativeDay(now - 3_600_000, now)).toBe('today');
    expect(relativeDay(now - 86_400_000, now)).toBe('yesterday');
    expect(relativeDay(now - 3 * 86_400_000, now)).toBeNull();
  });
});
