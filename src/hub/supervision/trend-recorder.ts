import type { TrendPoint } from '../../shared/protocol/supervisor-protocol';

/**
 * A short per-queue history for the wallboard's trend lines. In memory: after a hub restart the
 * line starts again, which a wallboard viewer accepts; the day's totals come from the store.
 */
export class TrendRecorder {
  private readonly series = new Map<string, TrendPoint[]>();
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly points: number,
  ) {}

  /** Adds one point per queue when an interval has passed since the last one. */
  offer(at: number, values: ReadonlyArray<{ queue: string } & Omit<TrendPoint, 'at'>>): void {
    if (at - this.lastAt < this.intervalMs) return;
    this.lastAt = at;
    for (const v of values) {
      const line = this.series.get(v.queue) ?? [];
      line.push({ at, waiting: v.waiting, slaPercent: v.slaPercent });
      if (line.length > this.points) line.splice(0, line.length - this.points);
      this.series.set(v.queue, line);
    }
  }

  of(queue: string): TrendPoint[] {
    return [...(this.series.get(queue) ?? [])];
  }
}
