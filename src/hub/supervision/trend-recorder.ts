import type { Logger } from '../../shared/log';
import type { TrendPoint } from '../../shared/protocol/supervisor-protocol';
import type { TrendStore } from './trend-store';

/**
 * A short per-queue history for the wallboard's trend lines: `points` points spaced `intervalMs`
 * apart (an hour of minutes by default). Each point is also written to the store, which keeps only
 * that span; a restarted hub reloads the points still inside it, so the chart carries on, and a hub
 * stopped for longer starts its lines afresh rather than joining them to an old hour on a time axis.
 */
export class TrendRecorder {
  private readonly series: Map<string, TrendPoint[]>;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly points: number,
    private readonly store: TrendStore,
    private readonly log: Logger,
    now: number,
  ) {
    this.series = store.load(now - this.spanMs(), points);
    for (const line of this.series.values()) this.lastAt = Math.max(this.lastAt, line.at(-1)?.at ?? this.lastAt);
  }

  /** How far back a point stays on the chart, and in the file. */
  private spanMs(): number {
    return this.intervalMs * this.points;
  }

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
    try {
      this.store.save(at, values);
      this.store.prune(at - this.spanMs());
    } catch (cause) {
      // The chart in memory is intact; only a restart would miss this point.
      this.log.log('error', 'supervision trend point not saved', { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  }

  of(queue: string): TrendPoint[] {
    return [...(this.series.get(queue) ?? [])];
  }
}
