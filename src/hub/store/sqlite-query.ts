import type Database from 'better-sqlite3';

export type Row = Record<string, unknown>;

export interface Query<R> {
  get(...args: unknown[]): R | undefined;
  all(...args: unknown[]): R[];
  run(...args: unknown[]): Database.RunResult;
}

export type QueryFn = <R = Row>(sql: string) => Query<R>;

/** Prepares each statement once and reuses it: the hot paths run the same few queries all day. */
export function createQueryFn(db: Database.Database): QueryFn {
  const prepared = new Map<string, Database.Statement>();
  return <R = Row>(sql: string): Query<R> => {
    let stmt = prepared.get(sql);
    if (!stmt) prepared.set(sql, (stmt = db.prepare(sql)));
    const s = stmt;
    return {
      get: (...args) => s.get(...args) as R | undefined,
      all: (...args) => s.all(...args) as R[],
      run: (...args) => s.run(...args),
    };
  };
}

/** `IN (?, ?, …)` for a list of ids; SQLite has no array parameters. */
export function placeholders(count: number): string {
  return Array.from({ length: Math.max(count, 1) }, () => '?').join(', ');
}
