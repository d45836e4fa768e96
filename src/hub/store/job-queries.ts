import type { QueryFn } from './sqlite-query';

export interface JobRecord {
  key: string;
  kind: string;
  runAt: number;
  payload: string;
  attempts: number;
}

export interface JobQueries {
  /** Schedules (or moves) the job with this key; one job per key. */
  scheduleJob(job: { key: string; kind: string; runAt: number; payload: string }): void;
  cancelJob(key: string): void;
  /** Stores a job at `runAt` unless one with this key exists; an existing one is brought forward to `latestRunAt` at the latest. */
  ensureJob(job: { key: string; kind: string; runAt: number; latestRunAt: number; payload: string }): void;
  /** Jobs not done yet, per kind (tests and diagnostics). */
  pendingJobs(): Array<{ key: string; kind: string; runAt: number }>;
  /** Claims up to `limit` due jobs for `worker` until `leaseUntil`; a job whose earlier lease ran out is due again. */
  claimDueJobs(worker: string, now: number, leaseUntil: number, limit: number): JobRecord[];
  /** Done: the job goes, unless it was scheduled anew since it was claimed (then the new one stays). */
  finishJob(key: string, worker: string): void;
  /** Failed: tried again at `retryAt`. */
  retryJob(key: string, worker: string, retryAt: number, error: string): void;
  /** A worker stopping gracefully lets go of its claims, so the next process takes them at once instead of after the lease. */
  releaseJobs(worker: string): void;
  /**
   * When the worker should look next (null with no jobs): the next job due, or, for a job claimed and still
   * running, when its lease runs out.
   */
  nextJobAt(now?: number): number | null;
  /** Per kind of job: how many are due and not done, and since when the oldest has been due (metrics). */
  jobBacklog(now: number): Array<{ kind: string; due: number; oldestDueAt: number }>;
}

export function jobQueries(q: QueryFn): JobQueries {
  return {
    scheduleJob(job) {
      q(
        `INSERT INTO jobs (key, kind, run_at, payload) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, run_at = excluded.run_at, payload = excluded.payload,
           claimed_by = NULL, claimed_until = NULL, attempts = 0, last_error = NULL`,
      ).run(job.key, job.kind, job.runAt, job.payload);
    },
    ensureJob(job) {
      q(
        `INSERT INTO jobs (key, kind, run_at, payload) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET run_at = MIN(run_at, ?)`,
      ).run(job.key, job.kind, job.runAt, job.payload, job.latestRunAt);
    },
    pendingJobs: () =>
      q<{ key: string; kind: string; run_at: number }>('SELECT key, kind, run_at FROM jobs ORDER BY run_at')
        .all()
        .map((r) => ({ key: r.key, kind: r.kind, runAt: r.run_at })),
    cancelJob(key) {
      q('DELETE FROM jobs WHERE key = ?').run(key);
    },
    claimDueJobs: (worker, now, leaseUntil, limit) =>
      q<{ key: string; kind: string; run_at: number; payload: string; attempts: number }>(
        `UPDATE jobs SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
         WHERE key IN (SELECT key FROM jobs WHERE run_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY run_at LIMIT ?)
         RETURNING key, kind, run_at, payload, attempts`,
      )
        .all(worker, leaseUntil, now, now, limit)
        .map((r) => ({ key: r.key, kind: r.kind, runAt: r.run_at, payload: r.payload, attempts: r.attempts })),
    finishJob(key, worker) {
      q('DELETE FROM jobs WHERE key = ? AND claimed_by = ?').run(key, worker);
    },
    retryJob(key, worker, retryAt, error) {
      q('UPDATE jobs SET run_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = ? WHERE key = ? AND claimed_by = ?').run(retryAt, error, key, worker);
    },
    releaseJobs(worker) {
      q('UPDATE jobs SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?').run(worker);
    },
    jobBacklog: (now) =>
      q<{ kind: string; due: number; oldest: number }>('SELECT kind, COUNT(*) AS due, MIN(run_at) AS oldest FROM jobs WHERE run_at <= ? GROUP BY kind ORDER BY kind')
        .all(now)
        .map((r) => ({ kind: r.kind, due: Number(r.due), oldestDueAt: Number(r.oldest) })),
    nextJobAt: (now = 0) =>
      q<{ at: number | null }>(
        'SELECT MIN(CASE WHEN claimed_until IS NOT NULL AND claimed_until >= ? THEN MAX(run_at, claimed_until) ELSE run_at END) AS at FROM jobs',
      ).get(now)?.at ?? null,
  };
}
