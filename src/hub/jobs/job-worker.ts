import { randomUUID } from 'node:crypto';
import type { Logger } from '../../shared/log';
import type { HubStore } from '../store/hub-store';

export type JobHandler = (payload: unknown) => void | Promise<void>;

export interface JobWorker {
  /** Stores the job (in the caller's transaction, if one is open) and wakes the worker for it once committed. */
  schedule(kind: string, key: string, runAt: number, payload: unknown): void;
  cancel(key: string): void;
  /** A job was stored elsewhere (in a lifecycle move) for `at`: look then. */
  wake(at: number): void;
  stop(): void;
}

export interface JobWorkerOptions {
  now?: () => number;
  /** How long a claimed job is this worker's before another may take it (its worker died). */
  leaseMs?: number;
  /** When a failed job is tried again. */
  retryMs?: number;
  /** The longest the worker sleeps without looking, so jobs another process scheduled are found too. */
  pollMs?: number;
}

/**
 * Runs the jobs stored in the hub database when they fall due: one worker, claims with a lease, so a
 * job survives a restart (the next process finds it) and runs once. Handlers must tolerate running
 * again after a crash mid-job (the lease runs out and the job is claimed anew).
 */
export function createJobWorker(store: HubStore, handlers: Record<string, JobHandler>, log: Logger, options: JobWorkerOptions = {}): JobWorker {
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? 30_000;
  const retryMs = options.retryMs ?? 5_000;
  const pollMs = options.pollMs ?? 1_000;
  const id = `worker_${randomUUID()}`;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt = Infinity;
  let stopped = false;
  let running = false;

  function arm(at: number): void {
    if (stopped || at >= wakeAt) return;
    if (timer) clearTimeout(timer);
    wakeAt = at;
    // Never sleeps past the poll interval (a job months away would overflow setTimeout's 32-bit delay).
    timer = setTimeout(() => void run(), Math.min(pollMs, Math.max(0, at - now())));
    timer.unref();
  }

  async function run(): Promise<void> {
    timer = null;
    wakeAt = Infinity;
    if (stopped || running) return;
    running = true;
    try {
      for (let due = store.claimDueJobs(id, now(), now() + leaseMs, 50); due.length > 0 && !stopped; due = store.claimDueJobs(id, now(), now() + leaseMs, 50)) {
        for (const job of due) {
          const handler = handlers[job.kind];
          try {
            if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
            await handler(JSON.parse(job.payload) as unknown);
            store.finishJob(job.key, id);
          } catch (cause) {
            const detail = cause instanceof Error ? cause.message : String(cause);
            log.log('warn', 'job failed; it will be tried again', { kind: job.kind, attempts: job.attempts, detail });
            store.retryJob(job.key, id, now() + retryMs, detail);
          }
        }
      }
    } catch (cause) {
      log.log('error', 'job worker failed', { detail: cause instanceof Error ? cause.message : String(cause) });
    } finally {
      running = false;
    }
    if (!stopped) arm(Math.min(store.nextJobAt() ?? Infinity, now() + pollMs));
  }

  arm(now());
  return {
    schedule(kind, key, runAt, payload) {
      store.scheduleJob({ key, kind, runAt, payload: JSON.stringify(payload) });
      store.afterCommit(() => arm(runAt));
    },
    cancel: (key) => store.cancelJob(key),
    wake: arm,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
