import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxCursor, InboxPageFilter } from '../../shared/contracts/workspace-contract';
import { inboxRank } from '../../shared/domain/inbox-order';
import { createMemoryLogger } from '../../shared/log';
import { hubEventSchema } from '../../shared/protocol/hub-events';
import { fakeAgent, sampleEvents } from '../../../tests/harness/host/fake-hub';
import { AccountCache } from './account-cache';
import type { InboxQuery, InboxViewer } from './inbox-pages';

let cache: AccountCache | null = null;
afterEach(() => cache?.close());

const ALL: InboxPageFilter = { channel: 'all', status: 'all', scope: 'all' };
const query = (over: Partial<InboxQuery> = {}): InboxQuery => ({ filter: ALL, viewer: null, limit: 100, ...over });
const ids = (c: AccountCache, over: Partial<InboxQuery> = {}) => c.inboxPage(query(over)).conversations.map((x) => x.id);
let seq = 1_000;
const apply = (c: AccountCache, ...raw: unknown[]) => {
  const events = raw.map((e) => hubEventSchema.parse(e));
  return c.applyBatch({ events, through: seq, head: seq });
};
const conversation = (id: string, patch: Record<string, unknown> = {}) => {
  seq += 1;
  const e = sampleEvents.conversation(seq, id);
  Object.assign(e.conversation, patch);
  return e;
};

/** 25 conversations, newest c24; every third closed, every fourth unassigned, every fifth by email, every seventh in the 'vip' queue. */
function seeded(): AccountCache {
  cache = AccountCache.open(join(mkdtempSync(join(tmpdir(), 'inbox-pages-')), 'cache.sqlite'), fakeAgent.id, createMemoryLogger());
  const raw: unknown[] = [sampleEvents.customer(1)];
  for (let i = 0; i < 25; i++) {
    const e = sampleEvents.conversation(10 + i, `c${String(i).padStart(2, '0')}`);
    Object.assign(e.conversation, {
      status: i % 3 === 0 ? 'closed' : 'active',
      assigneeId: i % 4 === 0 ? null : fakeAgent.id,
      channel: i % 5 === 0 ? 'email' : 'widget',
      queue: i % 7 === 0 ? 'vip' : 'chat',
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

const NEWEST_FIRST = Array.from({ length: 25 }, (_x, i) => `c${String(24 - i).padStart(2, '0')}`);

describe('inbox windows from SQL', () => {
  it('pages the whole inbox newest first with a keyset cursor, each row once, and says where each page starts', () => {
    const c = seeded();
    const seen: string[] = [];
    const starts: number[] = [];
    let after: InboxCursor | null = null;
    do {
      const page = c.inboxPage(query({ after, limit: 10 }));
      expect(page.total).toBe(25);
      starts.push(page.start);
      seen.push(...page.conversations.map((x) => x.id));
      after = page.next;
    } while (after);
    expect(starts).toEqual([0, 10, 20]);
    expect(seen).toEqual(NEWEST_FIRST);
  });

  it('reads upwards from a cursor and jumps by offset to the end, with the same order and places', () => {
    const c = seeded();
    const end = c.inboxPage(query({ offset: 20, limit: 10 }));
    expect(end.start).toBe(20);
    expect(end.conversations.map((x) => x.id)).toEqual(NEWEST_FIRST.slice(20));
    expect(end.next).toBeNull();
    const first = end.conversations[0]!;
    const above = c.inboxPage(query({ before: { rank: inboxRank(first), id: first.id }, limit: 5 }));
    expect(above.start).toBe(15);
    expect(above.conversations.map((x) => x.id)).toEqual(NEWEST_FIRST.slice(15, 20));
    const top = c.inboxPage(query({ before: { rank: inboxRank(above.conversations[0]!), id: above.conversations[0]!.id }, limit: 50 }));
    expect(top.start).toBe(0);
    expect(top.conversations.map((x) => x.id)).toEqual(NEWEST_FIRST.slice(0, 15));
  });

  it('filters in SQL: open only, one channel, mine, waiting in a queue', () => {
    const c = seeded();
    const nums = (filter: Partial<InboxPageFilter>) => ids(c, { filter: { ...ALL, ...filter } }).map((x) => Number(x.slice(1)));
    expect(nums({ status: 'open' }).every((i) => i % 3 !== 0)).toBe(true);
    expect(c.inboxPage(query({ filter: { ...ALL, status: 'open' } })).total).toBe(16);
    expect(nums({ channel: 'email' })).toEqual([20, 15, 10, 5, 0]);
    expect(nums({ scope: 'queue' })).toEqual([24, 20, 16, 12, 8, 4, 0]);
    expect(nums({ scope: 'mine' }).some((i) => i % 4 === 0)).toBe(false);
    expect(nums({ channel: 'email', status: 'open', scope: 'queue' })).toEqual([20]);
  });

  it('shows an agent only what is theirs or in their queues, and every closed conversation; a supervisor everything', () => {
    const c = seeded();
    // c07 and c21 sit in 'vip', assigned to someone else; c14 in 'vip' too. The agent works 'chat' only.
    apply(c, conversation('c07', { assigneeId: 'agt_other', queue: 'vip' }), conversation('c14', { assigneeId: null, queue: 'vip' }), conversation('c22', { status: 'bot', assigneeId: null }));
    const agent: InboxViewer = { role: 'agent', queues: ['chat'] };
    const seen = ids(c, { viewer: agent });
    expect(seen).not.toContain('c07');
    expect(seen).not.toContain('c14');
    expect(seen).not.toContain('c22');
    expect(seen).toContain('c21'); // closed: history stays in the inbox
    expect(c.inboxPage(query({ viewer: agent })).total).toBe(22);
    expect(ids(c, { viewer: { role: 'agent', queues: ['chat', 'vip'] } })).toContain('c14');
    expect(c.inboxPage(query({ viewer: { role: 'supervisor', queues: [] } })).total).toBe(25);
  });

  it('puts higher priority first, and breaks ties in the order key by id without skipping or repeating across pages', () => {
    const c = seeded();
    const at = 1_900_000_000_000;
    const tied = ['t1', 't2', 't3', 't4', 't5', 't6', 't7'];
    apply(c, ...tied.map((id) => conversation(id, { lastMessageAt: at, updatedAt: at })), conversation('c00', { priority: 2 }));
    const seen: string[] = [];
    let after: InboxCursor | null = null;
    do {
      // Pages of three split the run of equal keys twice.
      const page = c.inboxPage(query({ after, limit: 3 }));
      seen.push(...page.conversations.map((x) => x.id));
      after = page.next;
    } while (after);
    expect(seen.slice(0, 8)).toEqual(['c00', 't7', 't6', 't5', 't4', 't3', 't2', 't1']);
    expect(seen).toHaveLength(32);
    expect(new Set(seen).size).toBe(32);
  });

  it('a row that moves while the agent pages is not read twice, no other row is lost, and the change says where it was', () => {
    const c = seeded();
    const page1 = c.inboxPage(query({ limit: 10 }));
    expect(page1.conversations.map((x) => x.id)).toEqual(NEWEST_FIRST.slice(0, 10));
    // A new message brings c03 (not read yet) to the top, and moves c20 (already read) down below the cursor.
    const moved = apply(c, conversation('c03', { lastMessageAt: 1_900_000_000_000 }), conversation('c20', { lastMessageAt: 1, updatedAt: 1 }));
    expect(moved.changes.inbox.map((x) => [x.conversation.id, x.before?.lastMessageAt])).toEqual([
      ['c03', sampleEvents.conversation(13, 'c03').conversation.lastMessageAt],
      ['c20', sampleEvents.conversation(30, 'c20').conversation.lastMessageAt],
    ]);
    // Stamped with the sync cursor: a page read before this batch is older than its changes, one read after holds them.
    expect(moved.changes.inbox.every((x) => x.cursor === moved.cursor && x.cursor > page1.cursor)).toBe(true);
    expect(c.inboxPage(query({ limit: 1 })).cursor).toBe(moved.cursor);
    const rest: string[] = [];
    for (let after = page1.next; after; ) {
      const page = c.inboxPage(query({ after, limit: 10 }));
      rest.push(...page.conversations.map((x) => x.id));
      after = page.next;
    }
    const unmoved = NEWEST_FIRST.slice(10).filter((x) => x !== 'c03');
    expect(rest.filter((x) => x !== 'c20')).toEqual(unmoved);
    // The cursor's side of the list is what a window sees; the change events place the two moved rows.
    expect(rest).toContain('c20');
    expect(rest).not.toContain('c03');
    expect(c.inboxPage(query({ limit: 1 })).conversations[0]!.id).toBe('c03');
    expect(apply(c, conversation('new')).changes.inbox[0]!.before).toBeNull();
  });

  it('brings each row’s meta and customers without loading its messages: what is owed since when, and the customer’s last words', () => {
    const c = seeded();
    const page = c.inboxPage(query({ limit: 2 }));
    expect(page.meta[0]).toEqual({ conversationId: 'c24', awaitingSince: sampleEvents.message(102, '', 'c24').message.createdAt, lastCustomerText: 'hello??' });
    expect(page.meta[1]).toEqual({ conversationId: 'c23', awaitingSince: sampleEvents.message(105, '', 'c23').message.createdAt, lastCustomerText: 'where is my order' });
    expect(page.customers.map((x) => x.id)).toEqual(['cus_1']);
  });
});
