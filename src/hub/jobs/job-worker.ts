import { randomUUID } from 'node:crypto';
import type { Logger } from '../../shared/log';
import type { HubStore } from '../store/hub-store';

/** What a running job knows about itself: which try this is (1 for the first), and a signal that fires when the hub stops. */
export interface JobRun {
  attempt: number;
  signal: AbortSignal;
}

export type JobHandler = (payload: unknown, run: JobRun) => void | Promise<void>;

/** A job kind whose failures wait longer each time (outbound delivery): the delay before the next try after `attempt` failed. */
export interface JobKind {
  run: JobHandler;
  retryDelayMs(attempt: number): number;
}

export interface JobWorker {
  /** Stores the job (in the caller's transaction, if one is open) and wakes the worker for it once committed. */
  schedule(kind: string, key: string, runAt: number, payload: unknown): void;
  cancel(key: string): void;
  /** A job was stored elsewhere (in a lifecycle move) for `at`: look then. */
  wake(at: number): void;
  /**
   * Runs `run` every `intervalMs` in one worker of all that share the database: the next run is a row, so a
   * restart keeps the rhythm (a run that fell due while no hub ran happens at once) and a cluster runs it once.
   */
  every(kind: string, intervalMs: number, run: () => void | Promise<void>): void;
  /** Starts looking for due jobs; call once every kind is known, so none is claimed before its handler exists. */
  start(): void;
  /** Stops claiming, aborts the jobs running, waits for them to let go and releases their claims (the next worker takes them at once). */
  stop(): Promise<void>;
}

/** The key of a recurring job: one row per kind. */
export const recurringKey = (kind: string): string => `every:${kind}`;

export interface JobWorkerOptions {
  now?: () => number;
  /** How long a claimed job is this worker's before another may take it (its worker died). */
  leaseMs?: number;
  /** When a failed job is tried again (kinds with their own delay excepted). */
  retryMs?: number;
  /** The longest the worker sleeps without looking, so jobs another process scheduled are found too. */
  pollMs?: number;
  /** How many jobs run at once: a slow delivery must not hold up an offer's expiry. */
  concurrency?: number;
}

/**
 * Runs the jobs stored in the hub database when they fall due: one worker, claims with a lease, so a
 * job survives a restart (the next process finds it) and runs once. Handlers must tolerate running
 * again after a crash mid-job (the lease runs out and the job is claimed anew).
 */
export function createJobWorker(store: HubStore, kinds: Record<string, JobHandler | JobKind>, log: Logger, options: JobWorkerOptions = {}): JobWorker {
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? 30_000;
  const retryMs = options.retryMs ?? 5_000;
  const pollMs = options.pollMs ?? 1_000;
  const concurrency = options.concurrency ?? 16;
  const id = `worker_${randomUUID()}`;
  const handlers: Record<string, JobHandler | JobKind> = { ...kinds };
  const stopping = new AbortController();
  const running = new Map<string, Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt = Infinity;
  let started = false;

  function arm(at: number): void {
    if (!started || stopping.signal.aborted || at >= wakeAt) return;
    if (timer) clearTimeout(timer);
    wakeAt = at;
    // Never sleeps past the poll interval (a job months away would overflow setTimeout's 32-bit delay).
    timer = setTimeout(claim, Math.min(pollMs, Math.max(0, at - now())));
    timer.unref();
  }

  async function runOne(job: ReturnType<HubStore['claimDueJobs']>[number]): Promise<void> {
    const kind = handlers[job.kind];
    try {
      if (!kind) throw new Error(`no handler for job kind ${job.kind}`);
      const handler = typeof kind === 'function' ? kind : kind.run;
      await handler(JSON.parse(job.payload) as unknown, { attempt: job.attempts, signal: stopping.signal });
      // A stopped hub writes nothing more; the lease runs out and the next worker settles the job.
      if (!stopping.signal.aborted) store.finishJob(job.key, id);
    } catch (cause) {
      if (stopping.signal.aborted) return;
      const detail = cause instanceof Error ? cause.message : String(cause);
      const delay = kind && typeof kind !== 'function' ? kind.retryDelayMs(job.attempts) : retryMs;
      log.log('warn', 'job failed; it will be tried again', { kind: job.kind, attempts: job.attempts, detail });
      try {
        store.retryJob(job.key, id, now() + delay, detail);
      } catch (failure) {
        log.log('error', 'a failed job could not be rescheduled', { kind: job.kind, detail: failure instanceof Error ? failure.message : String(failure) });
      }
    }
  }

  function claim(): void {
    timer = null;
    wakeAt = Infinity;
    if (stopping.signal.aborted) return;
    try {
      while (running.size < concurrency) {
        const due = store.claimDueJobs(id, now(), now() + leaseMs, concurrency - running.size);
        if (due.length === 0) break;
        for (const job of due) {
          const done = runOne(job).finally(() => {
            running.delete(job.key);
            // A freed slot may take a job that waited for one.
            arm(now());
          });
          running.set(job.key, done);
        }
      }
    } catch (cause) {
      log.log('error', 'job worker failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    }
    if (stopping.signal.aborted) return;
    if (running.size >= concurrency) return;
    let next = Infinity;
    try {
      next = store.nextJobAt(now()) ?? Infinity;
    } catch (cause) {
      log.log('error', 'job worker failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    }
    arm(Math.min(next, now() + pollMs));
  }

  return {
    schedule(kind, key, runAt, payload) {
      store.scheduleJob({ key, kind, runAt, payload: JSON.stringify(payload) });
      store.afterCommit(() => arm(runAt));
    },
    cancel: (key) => store.cancelJob(key),
    wake: arm,
    every(kind, intervalMs, run) {
      const key = recurringKey(kind);
      handlers[kind] = async () => {
        try {
          await run();
        } catch (cause) {
          log.log('error', 'a recurring job failed; it runs again at its next time', { kind, detail: cause instanceof Error ? cause.message : String(cause) });
        }
        // The next run replaces this one's row, so finishing this run leaves it in place.
        if (!stopping.signal.aborted) store.scheduleJob({ key, kind, runAt: now() + intervalMs, payload: '{}' });
      };
      store.ensureJob({ key, kind, runAt: now(), latestRunAt: now() + intervalMs, payload: '{}' });
      arm(now());
    },
    start() {
      started = true;
      arm(now());
    },
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...running.values()]);
      // What was claimed and not finished is free at once for the next process (a crash leaves it to the lease).
      try {
        store.releaseJobs(id);
      } catch (cause) {
        log.log('warn', 'a stopping job worker could not let go of its claims; they lapse with the lease', { detail: cause instanceof Error ? cause.message : String(cause) });
      }
    },
  };
}
