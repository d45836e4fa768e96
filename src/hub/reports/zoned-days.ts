/** How far the zone's wall clock is ahead of UTC at instant `at`, in ms. */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) begins in a time zone, daylight-saving changes included. */
export function startOfZonedDay(date: string, timeZone: string): number {
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  const guess = wall - zoneOffset(wall, timeZone);
  // The offset at the guess may differ from the offset at UTC midnight (a change that day): correct once.
  return wall - zoneOffset(guess, timeZone);
}

/** Every day from `from` to `to`, both included, with the instants each begins and ends in the zone. */
export function zonedDays(from: string, to: string, timeZone: string): Array<{ date: string; start: number; end: number }> {
  const days: Array<{ date: string; start: number; end: number }> = [];
  const first = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const last = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  for (let d = first; d <= last; d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10);
    const next = new Date(d + 86_400_000).toISOString().slice(0, 10);
    days.push({ date, start: startOfZonedDay(date, timeZone), end: startOfZonedDay(next, timeZone) });
  }
  return days;
}
