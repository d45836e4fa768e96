import type { TFunction } from 'i18next';

/** A duration as a person reads it on a wallboard: seconds, then minutes, then hours. */
export function formatDuration(st: TFunction, ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return st('none');
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return st('duration.hours', { h, m });
  if (m > 0) return st('duration.minutes', { m, s });
  return st('duration.seconds', { s });
}

export function formatPercent(st: TFunction, value: number | null): string {
  return value === null ? st('none') : `${value.toFixed(1)}%`;
}
