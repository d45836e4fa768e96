import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { hubEventSchema, type HubEvent } from '../../shared/protocol/hub-events';
import { sampleEvents } from '../harness/fake-hub';
import { AccountCache } from './account-cache';
import { planSearch } from './message-search';

const events = (...raw: unknown[]): HubEvent[] => raw.map((e) => hubEventSchema.parse(e));
let cache: AccountCache | null = null;
afterEach(() => cache?.close());

function openCache(now: () => number = Date.now): AccountCache {
  const dir = mkdtempSync(join(tmpdir(), 'cache-test-'));
  cache = AccountCache.open(join(dir, 'cache.sqlite'), 'agt_test', createMemoryLogger(), now);
  return cache;
}

describe('AccountCache sync', () => {
  it('stores a page and its cursor together, and ignores what it already holds', () => {
    const c = openCache();
    const page = events(sampleEvents.customer(1), sampleEvents.conversation(2), sampleEvents.message(3, '你好，我的订单还没到'));
    const first = c.applyBatch({ events: page, through: 5, head: 9 });
    expect(first.cursor).toBe(5);
    expect(first.changes.messages).toHaveLength(1);
    expect(c.syncState()).toMatchObject({ cursor: 5, head: 9 });
    const again = c.applyBatch({ events: page, through: 5, head: 9 });
    expect(again.changes.messages).toHaveLength(0);
    expect(c.messageCount()).toBe(1);
  });

  it('rolls back the events and the cursor together when a write fails', () => {
    const c = openCache();
    c.applyBatch({ events: events(sampleEvents.message(1, 'kept')), through: 1, head: 1 });
    c.db.exec(`CREATE TRIGGER boom BEFORE INSERT ON messages WHEN new.text = 'boom' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    expect(() => c.applyBatch({ events: events(sampleEvents.message(2, 'fine'), sampleEvents.message(3, 'boom')), through: 3, head: 3 })).toThrow(
      /disk on fire/,
    );
    expect(c.syncState().cursor).toBe(1);
    expect(c.messageCount()).toBe(1);
  });

  it('replaces a pending local reply with the hub copy that carries its key', () => {
    const c = openCache();
    c.applyBatch({ events: events(sampleEvents.conversation(1)), through: 1, head: 1 });
    const key = 'k-00000001';
    c.enqueueMessage(
      { id: `local_${key}`, conversationId: 'conv_1', channel: 'widget', direction: 'out', authorKind: 'agent', authorId: 'agt_test', text: '稍等', attachments: [], internal: false, key: c.scopedKey(key), createdAt: 5, delivery: 'pending' },
      key,
      { kind: 'message.send', conversationId: 'conv_1', text: '稍等', internal: false },
    );
    const hubCopy = sampleEvents.message(2, '稍等', 'conv_1', { id: 'msg_hub', direction: 'out', authorKind: 'agent', authorId: 'agt_test', key: c.scopedKey(key) });
    c.applyBatch({ events: events(hubCopy), through: 2, head: 2 });
    const list = c.conversationMessages('conv_1');
    expect(list.map((m) => [m.id, m.delivery])).toEqual([['msg_hub', 'sent']]);
    expect(c.search('稍等').messages).toHaveLength(1);
  });
});

describe('AccountCache search', () => {
  it('finds Chinese and English, long and short terms, newest first', () => {
    const c = openCache();
    c.applyBatch({
      events: events(
        sampleEvents.customer(1, 'cus_1', '李娜'),
        sampleEvents.conversation(2),
        sampleEvents.message(3, '我想退款，订单号 A1001'),
        sampleEvents.message(4, 'The parcel arrived damaged'),
        sampleEvents.message(5, '退货流程是什么？'),
      ),
      through: 5,
      head: 5,
    });
    expect(c.search('退款').messages.map((m) => m.id)).toEqual(['msg_3']);
    expect(c.search('退').messages.map((m) => m.id)).toEqual(['msg_5', 'msg_3']);
    expect(c.search('PARCEL damaged').messages.map((m) => m.id)).toEqual(['msg_4']);
    expect(c.search('订单号 A1001').messages.map((m) => m.id)).toEqual(['msg_3']);
    expect(c.search('"; DROP TABLE messages; --').messages).toEqual([]);
    expect(c.search('100%').messages).toEqual([]);
    const withCustomer = c.search('李娜');
    expect(withCustomer.customers.map((x) => x.id)).toEqual(['cus_1']);
    const hit = c.search('退货');
    expect(hit.conversations.map((x) => x.id)).toEqual(['conv_1']);
    expect(hit.customers.map((x) => x.id)).toEqual(['cus_1']);
  });

  it('finds messages the background indexer has not reached, and the same ones once it has, with edits and deletes followed', () => {
    const c = openCache();
    c.applyBatch({ events: events(sampleEvents.message(1, '我想退款，订单号 A1001'), sampleEvents.message(2, 'The parcel arrived')), through: 2, head: 2 });
    expect(c.unindexedCount()).toBe(2);
    const before = c.search('订单号 A1001').messages.map((m) => m.id);
    expect(before).toEqual(['msg_1']);
    expect(c.indexPending(1)).toBe(1);
    expect(c.unindexedCount()).toBe(1);
    // One row indexed, one not: the search joins both halves, newest first.
    c.applyBatch({ events: events(sampleEvents.message(3, 'parcel again')), through: 3, head: 3 });
    expect(c.search('parcel').messages.map((m) => m.id)).toEqual(['msg_3', 'msg_2']);
    while (c.indexPending(2) > 0);
    expect(c.unindexedCount()).toBe(0);
    expect(c.search('订单号 A1001').messages.map((m) => m.id)).toEqual(before);
    expect(c.search('parcel').messages.map((m) => m.id)).toEqual(['msg_3', 'msg_2']);
    // An indexed row that changes or goes is followed by the index at once.
    c.db.prepare(`UPDATE messages SET text = 'no longer' WHERE id = 'msg_2'`).run();
    expect(c.search('parcel').messages.map((m) => m.id)).toEqual(['msg_3']);
    c.db.prepare(`DELETE FROM messages WHERE id = 'msg_3'`).run();
    expect(c.search('parcel').messages).toEqual([]);
    expect(c.search('no longer').messages.map((m) => m.id)).toEqual(['msg_2']);
  });

  it('plans short terms as LIKE and long ones as quoted phrases', () => {
    expect(planSearch('退 订单号 a"b')).toEqual({ match: '"订单号" AND "a""b"', likes: ['%退%'], longTerms: ['订单号', 'a"b'] });
    expect(planSearch('5%')).toEqual({ match: null, likes: ['%5\\%%'], longTerms: [] });
  });
});

describe('AccountCache retention', () => {
  it('drops old history but keeps pinned conversations and unsent replies', () => {
    let now = Date.now();
    const c = openCache(() => now);
    const day = 86_400_000;
    c.applyBatch({
      events: events(
        sampleEvents.customer(1, 'cus_old'),
        sampleEvents.conversation(2, 'conv_old', 'cus_old'),
        sampleEvents.message(3, 'old one', 'conv_old'),
        sampleEvents.conversation(4, 'conv_pin', 'cus_old'),
        sampleEvents.message(5, 'pinned one', 'conv_pin'),
      ),
      through: 5,
      head: 5,
    });
    c.setPinned('conv_pin', true);
    c.enqueueMessage(
      { id: 'local_k', conversationId: 'conv_old', channel: 'widget', direction: 'out', authorKind: 'agent', authorId: 'agt_test', text: 'unsent', attachments: [], internal: false, key: c.scopedKey('k-1234567'), createdAt: now, delivery: 'pending' },
      'k-1234567',
      { kind: 'message.send', conversationId: 'conv_old', text: 'unsent', internal: false },
    );
    now += 40 * day;
    const removed = c.prune(30);
    expect(removed.messages).toBe(1);
    expect(c.conversationMessages('conv_old').map((m) => m.text)).toEqual(['unsent']);
    expect(c.conversationMessages('conv_pin').map((m) => m.text)).toEqual(['pinned one']);
    expect(c.conversation('conv_old')).not.toBeNull();
  });
});
