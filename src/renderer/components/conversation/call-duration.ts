import type { CallRecord } from '../../../shared/domain/call';

/** Whole seconds the call has been connected: to its end, or to `now` while it lasts; null when nobody answered. */
export function callSeconds(call: CallRecord, now: number): number | null {
  if (call.answeredAt === null) return null;
  return Math.max(0, Math.floor(((call.endedAt ?? now) - call.answeredAt) / 1000));
}

/** `m:ss`, or `h:mm:ss` past an hour; digits only, so it reads the same in every locale. */
export function formatCallDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
