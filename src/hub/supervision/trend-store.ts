import type Database from 'better-sqlite3';
import type { TrendPoint } from '../../shared/protocol/supervisor-protocol';

/** The wallboard's trend points in the hub database, so the chart carries on across a hub restart. */
export interface TrendStore {
  save(at: number, values: ReadonlyArray<{ queue: string } & Omit<TrendPoint, 'at'>>): void;
  /** Per queue, the newest `points` points taken at or after `since`, oldest first. */
  load(since: number, points: number): Map<string, TrendPoint[]>;
  /** Deletes the points taken before `before`. */
  prune(before: number): void;
}

export function createTrendStore(db: Database.Database): TrendStore {
  const insert = db.prepare('INSERT OR REPLACE INTO queue_trend_points (queue, at, waiting, sla_percent) VALUES (?, ?, ?, ?)');
  const since = db.prepare<[number, number], { queue: string; at: number; waiting: number; sla_percent: number | null }>(
    `SELECT queue, at, waiting, sla_percent FROM (
       SELECT *, ROW_NUMBER() OVER (PARTITION BY queue ORDER BY at DESC) AS n FROM queue_trend_points WHERE at >= ?
     ) WHERE n <= ? ORDER BY queue, at`,
  );
  const prune = db.prepare('DELETE FROM queue_trend_points WHERE at < ?');
  const save = db.transaction((at: number, values: ReadonlyArray<{ queue: string } & Omit<TrendPoint, 'at'>>) => {
    for (const v of values) insert.run(v.queue, at, v.waiting, v.slaPercent);
  });
  return {
    save(at, values) {
      if (db.open) save(at, values);
    },
    load(from, points) {
      const series = new Map<string, TrendPoint[]>();
      for (const r of since.all(from, points)) {
        const line = series.get(r.queue) ?? [];
        line.push({ at: r.at, waiting: r.waiting, slaPercent: r.sla_percent });
        series.set(r.queue, line);
      }
      return series;
    },
    prune(before) {
      if (db.open) prune.run(before);
    },
  };
}
