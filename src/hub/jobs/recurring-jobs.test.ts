import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { eventually } from '../../../tests/harness/hub/test-hub';
import type { HubStore } from '../store/hub-store';
import { openSqliteHubStore } from '../store/sqlite-hub-store';
import { createJobWorker, recurringKey, type JobWorker } from './job-worker';

const MINUTE = 60_000;
const workers: JobWorker[] = [];
const stores: HubStore[] = [];
let dir: string | null = null;
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  for (const s of stores.splice(0)) s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A hub's job worker on the shared database file, with its own clock. */
function hubWorker(file: string, now: () => number): { store: HubStore; worker: JobWorker } {
  const store = openSqliteHubStore(file);
  const worker = createJobWorker(store, {}, createMemoryLogger(), { now });
  stores.push(store);
  workers.push(worker);
  return { store, worker };
}

describe('recurring work (overflow, SLA checks, trend points, retention) is a job', () => {
  it('keeps its time across a restart: not run again at start when it ran lately, run at once when its time passed meanwhile', async () => {
    dir = mkdtempSync(join(tmpdir(), 'recurring-'));
    const file = join(dir, 'hub.sqlite');
    const t0 = Date.now();
    const first = hubWorker(file, () => t0);
    const runs: string[] = [];
    first.worker.every('retention.prune', 60 * MINUTE, () => void runs.push('first'));
    first.worker.start();
    await eventually(() => runs.length === 1, 'the first run');
    expect(first.store.pendingJobs()).toEqual([{ key: recurringKey('retention.prune'), kind: 'retention.prune', runAt: t0 + 60 * MINUTE }]);
    await first.worker.stop();

    // Restarted ten minutes later: the next run stays where it was.
    const second = hubWorker(file, () => t0 + 10 * MINUTE);
    second.worker.every('retention.prune', 60 * MINUTE, () => void runs.push('second'));
    second.worker.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toEqual(['first']);
    expect(second.store.pendingJobs()[0]?.runAt).toBe(t0 + 60 * MINUTE);
    await second.worker.stop();

    // Restarted after its time passed: it runs at once, once, and the next run is an interval later.
    const third = hubWorker(file, () => t0 + 61 * MINUTE);
    third.worker.every('retention.prune', 60 * MINUTE, () => void runs.push('third'));
    third.worker.start();
    await eventually(() => runs.length === 2, 'the overdue run');
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toEqual(['first', 'third']);
    expect(third.store.pendingJobs()[0]?.runAt).toBe(t0 + 121 * MINUTE);
  });

  it('a shorter interval than the stored one brings the next run forward', async () => {
    dir = mkdtempSync(join(tmpdir(), 'recurring-'));
    const file = join(dir, 'hub.sqlite');
    const t0 = Date.now();
    const first = hubWorker(file, () => t0);
    first.worker.every('supervision.sla-check', 60 * MINUTE, () => undefined);
    first.worker.start();
    await eventually(() => first.store.pendingJobs()[0]?.runAt === t0 + 60 * MINUTE, 'the first run');
    await first.worker.stop();
    const second = hubWorker(file, () => t0 + MINUTE);
    second.worker.every('supervision.sla-check', 5_000, () => undefined);
    expect(second.store.pendingJobs()[0]?.runAt).toBe(t0 + MINUTE + 5_000);
  });

  it('two hubs on one database run each recurring job once per interval between them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'recurring-'));
    const file = join(dir, 'hub.sqlite');
    let clock = Date.now();
    const runs: string[] = [];
    const a = hubWorker(file, () => clock);
    const b = hubWorker(file, () => clock);
    a.worker.every('routing.overflow', MINUTE, () => void runs.push('a'));
    b.worker.every('routing.overflow', MINUTE, () => void runs.push('b'));
    a.worker.start();
    b.worker.start();
    await eventually(() => runs.length === 1, 'the first run');
    // Five intervals pass; each is run once, by one hub or the other.
    for (let i = 1; i <= 5; i++) {
      clock += MINUTE;
      a.worker.wake(clock);
      b.worker.wake(clock);
      await eventually(() => runs.length === i + 1, `run ${i + 1}`);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toHaveLength(6);
  });
});
