import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { eventually } from '../../../tests/harness/hub/test-hub';
import type { HubStore } from '../store/hub-store';
import { openSqliteHubStore } from '../store/sqlite-hub-store';
import { createJobWorker, type JobHandler, type JobWorker } from './job-worker';

const LEASE_MS = 60_000;
const workers: JobWorker[] = [];
const stores: HubStore[] = [];
let dir: string | null = null;
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  for (const s of stores.splice(0)) s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function hubWorker(file: string, handler: JobHandler): JobWorker {
  const store = openSqliteHubStore(file);
  const worker = createJobWorker(store, { 'outbound.test': handler }, createMemoryLogger(), { leaseMs: LEASE_MS, pollMs: 50 });
  stores.push(store);
  workers.push(worker);
  return worker;
}

describe('a hub stopped while a job runs', () => {
  it('lets the job go, so the next hub runs it at once rather than when the lease runs out', async () => {
    dir = mkdtempSync(join(tmpdir(), 'job-stop-'));
    const file = join(dir, 'hub.sqlite');
    let started = false;
    const first = hubWorker(file, (_payload, run) => {
      started = true;
      // A delivery in flight: it gives up when the hub stops.
      return new Promise<void>((_resolve, reject) => run.signal.addEventListener('abort', () => reject(new Error('stopped'))));
    });
    first.schedule('outbound.test', 'job-1', Date.now(), { reply: 'm1' });
    first.start();
    await eventually(() => started, 'the job to start');
    await first.stop();

    const runs: unknown[] = [];
    const second = hubWorker(file, (payload) => void runs.push(payload));
    second.start();
    // Far sooner than the 60 s lease.
    await eventually(() => runs.length === 1, 'the next hub to run the job', 5_000);
    expect(runs).toEqual([{ reply: 'm1' }]);
  });
});
