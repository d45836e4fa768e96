/**
 * Full-jitter exponential backoff: spreads reconnecting desktops out after a hub restart. The delay lies in
 * [ceiling/2, ceiling], the ceiling doubling from `baseMs` up to `maxMs`.
 */
export function backoffDelay(attempt: number, baseMs = 500, maxMs = 15_000, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
