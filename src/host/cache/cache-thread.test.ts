import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { sampleEvents } from '../harness/fake-hub';
import { CacheCallError, CacheThread } from './cache-thread';

let thread: CacheThread | null = null;
afterEach(async () => {
  await thread?.close();
  thread = null;
});

const open = async (file = join(mkdtempSync(join(tmpdir(), 'cache-thread-')), 'cache.sqlite'), now = Date.now) => {
  const log = createMemoryLogger();
  thread = await CacheThread.open({ file, key: null, agentId: 'agt_test', log, now });
  return { thread, log, file };
};

describe('CacheThread', () => {
  it('checks and stores a page in the thread, and answers reads, search and the outbox from there', async () => {
    const { thread: t } = await open();
    const page = [sampleEvents.customer(1), sampleEvents.conversation(2), sampleEvents.message(3, '我想退款，订单号 A1001'), { seq: 4, kind: 'nonsense' }];
    const stored = await t.calls.ingest(page, { cursor: 0, ceiling: 4 }, 4, 4);
    expect(stored.cursor).toBe(4);
    expect(stored.rejected.map((r) => r.reason)).toEqual(['malformed']);
    expect(stored.changes.messages.map((m) => m.text)).toEqual(['我想退款，订单号 A1001']);
    expect((await t.calls.syncState()).cursor).toBe(4);
    expect((await t.calls.search('订单号')).messages).toHaveLength(1);
    await t.calls.enqueueCommand('k-1', { kind: 'agent.state', state: 'away', reason: null });
    expect(await t.calls.pendingOutboxCount()).toBe(1);
  });

  it('uses the host clock for what it stamps', async () => {
    const { thread: t } = await open(undefined, () => 1_234_567);
    await t.calls.ingest([sampleEvents.customer(1)], { cursor: 0, ceiling: 1 }, 1, 1);
    expect((await t.calls.syncState()).lastSyncAt).toBe(1_234_567);
  });

  it('refuses bad arguments with an error that names the call, before anything touches SQLite', async () => {
    const { thread: t } = await open();
    const bad = t.calls.saveDraft({ conversationId: 'c1', text: 'x', mode: 'shout' as 'reply', attachments: [], updatedAt: 1 });
    await expect(bad).rejects.toThrow(CacheCallError);
    await expect(bad).rejects.toThrow(/cache saveDraft failed: bad arguments for saveDraft: 0\.mode/);
    expect(await t.calls.draft('c1')).toBeNull();
  });

  it('starts a crashed thread again on the same file: the call in flight fails clearly, committed data stays', async () => {
    const { thread: t, log } = await open();
    await t.calls.ingest([sampleEvents.customer(1), sampleEvents.conversation(2), sampleEvents.message(3, 'kept')], { cursor: 0, ceiling: 3 }, 3, 3);
    const inFlight = t.calls.messageCount();
    await t.crashForTest();
    await expect(inFlight).rejects.toThrow(/stopped/);
    expect(await t.calls.messageCount()).toBe(1);
    expect(log.entries.some((e) => e.message === 'the cache thread stopped: starting it again')).toBe(true);
  });

  it('says why when the file cannot be opened', async () => {
    // Its folder would have to be inside a plain file.
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'cache-thread-')), 'file');
    writeFileSync(notAFolder, 'x');
    await expect(CacheThread.open({ file: join(notAFolder, 'cache.sqlite'), key: null, agentId: 'agt_test', log: createMemoryLogger(), now: Date.now })).rejects.toThrow(
      /the account cache could not be opened: EEXIST/,
    );
  });
});
