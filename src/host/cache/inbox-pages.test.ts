import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxCursor } from '../../shared/contracts/workspace-contract';
import { createMemoryLogger } from '../../shared/log';
import { hubEventSchema } from '../../shared/protocol/hub-events';
import { fakeAgent, sampleEvents } from '../../../tests/harness/host/fake-hub';
import { AccountCache } from './account-cache';

let cache: AccountCache | null = null;
afterEach(() => cache?.close());

const ALL = { channel: 'all', status: 'all', scope: 'all' } as const;

/** 25 conversations, newest c24; every third closed, every fourth unassigned, every fifth by email. */
function seeded(): AccountCache {
  cache = AccountCache.open(join(mkdtempSync(join(tmpdir(), 'inbox-pages-')), 'cache.sqlite'), fakeAgent.id, createMemoryLogger());
  const raw: unknown[] = [sampleEvents.customer(1)];
  for (let i = 0; i < 25; i++) {
    const e = sampleEvents.conversation(10 + i, `c${String(i).padStart(2, '0')}`);
    Object.assign(e.conversation, {
      status: i % 3 === 0 ? 'closed' : 'active',
      assigneeId: i % 4 === 0 ? null : fakeAgent.id,
      channel: i % 5 === 0 ? 'email' : 'widget',
    });
    raw.push(e);
  }
  // c24: the customer wrote, the agent answered, the customer wrote twice more (an internal note between).
  raw.push(
    sampleEvents.message(100, 'first', 'c24'),
    sampleEvents.message(101, 'reply', 'c24', { direction: 'out', authorKind: 'agent', authorId: fakeAgent.id }),
    sampleEvents.message(102, 'still there?', 'c24'),
    sampleEvents.message(103, 'note', 'c24', { direction: 'out', authorKind: 'agent', internal: true }),
    sampleEvents.message(104, 'hello??', 'c24'),
    // c23: the customer asked the self-service bot, which answered: a person still owes the reply.
    sampleEvents.message(105, 'where is my order', 'c23'),
    sampleEvents.message(106, 'Your order is on its way', 'c23', { direction: 'out', authorKind: 'bot' }),
  );
  const events = raw.map((e) => hubEventSchema.parse(e));
  cache.applyBatch({ events, through: 106, head: 106 });
  return cache;
}

describe('inbox pages from SQL', () => {
  it('pages the whole inbox newest first with a keyset cursor, each row once', () => {
    const c = seeded();
    const seen: string[] = [];
    let after: InboxCursor | null = null;
    let pages = 0;
    do {
      const page = c.inboxPage(ALL, after, 10);
      expect(page.total).toBe(25);
      seen.push(...page.conversations.map((x) => x.id));
      after = page.next;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_x, i) => `c${String(24 - i).padStart(2, '0')}`));
  });

  it('filters in SQL: open only, one channel, mine, waiting in a queue', () => {
    const c = seeded();
    const ids = (filter: Parameters<AccountCache['inboxPage']>[0]) => c.inboxPage(filter, null, 100).conversations.map((x) => Number(x.id.slice(1)));
    expect(ids({ ...ALL, status: 'open' }).every((i) => i % 3 !== 0)).toBe(true);
    expect(c.inboxPage({ ...ALL, status: 'open' }, null, 100).total).toBe(16);
    expect(ids({ ...ALL, channel: 'email' })).toEqual([20, 15, 10, 5, 0]);
    expect(ids({ ...ALL, scope: 'queue' })).toEqual([24, 20, 16, 12, 8, 4, 0]);
    expect(ids({ ...ALL, scope: 'mine' }).some((i) => i % 4 === 0)).toBe(false);
    expect(ids({ channel: 'email', status: 'open', scope: 'queue' })).toEqual([20]);
  });

  it('brings each row’s meta and customers without loading its messages: what is owed since when, and the customer’s last words', () => {
    const c = seeded();
    const page = c.inboxPage(ALL, null, 2);
    expect(page.meta[0]).toEqual({ conversationId: 'c24', awaitingSince: sampleEvents.message(102, '', 'c24').message.createdAt, lastCustomerText: 'hello??' });
    expect(page.meta[1]).toEqual({ conversationId: 'c23', awaitingSince: sampleEvents.message(105, '', 'c23').message.createdAt, lastCustomerText: 'where is my order' });
    expect(page.customers.map((x) => x.id)).toEqual(['cus_1']);
  });
});
