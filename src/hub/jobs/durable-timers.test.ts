import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';
import { startHub, type Hub } from '../server';

let t: TestHub | null = null;
let again: Hub | null = null;
let dir: string | null = null;
afterEach(async () => {
  await again?.close();
  again = null;
  await t?.close();
  t = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('timers that matter are jobs in the database', () => {
  it('a hub stopped with an offer open and an agent in after-call work: the next one lets the offer lapse and ends the work, each once, on time', async () => {
    dir = mkdtempSync(join(tmpdir(), 'durable-timers-'));
    const settings = { port: 0, dataDir: dir, demo: true, offerTimeoutMs: 1_500, afterCallWorkMs: 1_500 };
    t = await startTestHub(settings);
    const bob = await t.agent('bob');
    // Bob takes one chat and closes it: after-call work.
    const first = await t.visitor('visitor-durable-1');
    await first.say('hello');
    const offer = await bob.waitFor('offer');
    expect(await bob.command({ kind: 'offer.accept', offerId: offer.offer.id })).toMatchObject({ ok: true });
    expect(await bob.command({ kind: 'conversation.close', conversationId: offer.offer.conversationId, disposition: 'resolved' })).toMatchObject({ ok: true });
    await bob.waitFor('agent', (f) => f.agent.state === 'after_call_work');
    // Alice gets the next chat's offer and lets it ride.
    const alice = await t.agent('alice');
    const second = await t.visitor('visitor-durable-2');
    await second.say('anyone?');
    const open = await alice.waitFor('offer');
    const openedAt = Date.now();

    // The hub goes away with both timers pending; a new one starts on the same database.
    await t.close();
    t = null;
    again = await startHub({ ...settings }, createMemoryLogger());
    const hub = again;

    const lapsed = await eventually(() => {
      const a = hub.store.assignment(open.offer.id);
      return a?.releasedAt ? a : null;
    }, 'the open offer to lapse', 10_000);
    expect(lapsed.outcome).toBe('expired');
    // On time: not before its deadline.
    expect(lapsed.releasedAt!).toBeGreaterThanOrEqual(open.offer.expiresAt);
    expect(lapsed.releasedAt! - openedAt).toBeLessThan(10_000);
    await eventually(() => hub.store.agent('agt_bob')?.state !== 'after_call_work', "bob's after-call work to end", 10_000);
    expect(hub.store.agent('agt_bob')?.state).toBe('offline');
    // Once: the conversation is back in the queue exactly once, no job is left behind.
    const requeued = hub.store.feedAfter('*', 0, 10_000).filter((e) => e.event.kind === 'conversation.upserted' && e.event.conversation.id === open.offer.conversationId && e.event.conversation.status === 'queued');
    expect(requeued).toHaveLength(2);
    expect(hub.store.pendingJobs().filter((j) => !j.key.startsWith('every:'))).toEqual([]);
  });
});
