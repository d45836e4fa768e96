/** A new time marker when the conversation pauses this long, even within one day. */
const GAP_MS = 30 * 60_000;

export type TimelineItem<T> = { kind: 'day'; at: number; key: string } | { kind: 'gap'; at: number; key: string } | { kind: 'item'; item: T; key: string };

function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** Interleaves day separators and pause markers with time-ordered items. */
export function groupByTime<T extends { id: string; createdAt: number }>(items: readonly T[]): TimelineItem<T>[] {
  const out: TimelineItem<T>[] = [];
  let previous: T | null = null;
  for (const item of items) {
    if (!previous || dayKey(previous.createdAt) !== dayKey(item.createdAt)) out.push({ kind: 'day', at: item.createdAt, key: `day-${item.id}` });
    else if (item.createdAt - previous.createdAt > GAP_MS) out.push({ kind: 'gap', at: item.createdAt, key: `gap-${item.id}` });
    out.push({ kind: 'item', item, key: item.id });
    previous = item;
  }
  return out;
}

/** 'today' | 'yesterday' | null (then show the date), relative to `now` in local time. */
export function relativeDay(at: number, now: number): 'today' | 'yesterday' | null {
  if (dayKey(at) === dayKey(now)) return 'today';
  if (dayKey(at) === dayKey(now - 86_400_000)) return 'yesterday';
  return null;
}
