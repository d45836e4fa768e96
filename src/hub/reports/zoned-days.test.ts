import { describe, expect, it } from 'vitest';
import { startOfZonedDay, zonedDays } from './zoned-days';

describe('days in a time zone', () => {
  it('begins a Shanghai day at 16:00 UTC the day before, and a UTC day at midnight', () => {
    expect(new Date(startOfZonedDay('2026-12-07', 'Asia/Shanghai')).toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(new Date(startOfZonedDay('2026-12-07', 'UTC')).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('gives a 23-hour day when clocks go forward (New York, 8 March 2026)', () => {
    const [day] = zonedDays('2026-03-08', '2026-03-08', 'America/New_York');
    expect(new Date(day!.start).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect((day!.end - day!.start) / 3_600_000).toBe(23);
  });

  it('lists every day of a range, both ends included, back to back', () => {
    const days = zonedDays('2026-12-30', '2027-01-02', 'Asia/Taipei');
    expect(days.map((d) => d.date)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    for (let i = 1; i < days.length; i++) expect(days[i]!.start).toBe(days[i - 1]!.end);
  });
});
