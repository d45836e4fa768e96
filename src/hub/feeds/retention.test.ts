import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../shared/log';
import { openSqliteHubStore } from '../store/sqlite-hub-store';
import type { HubStore } from '../store/hub-store';
import { pruneRetention } from './retention';

let store: HubStore | null = null;
let dir: string | null = null;
afterEach(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const DAY = 24 * 3_600_000;

describe('retention', () => {
  it('deletes old events with their feed entries and old idempotency records; feed positions go on', () => {
    dir = mkdtempSync(join(tmpdir(), 'retention-'));
    store = openSqliteHubStore(join(dir, 'hub.sqlite'));
    const now = 100 * DAY;
    const customer = { id: 'cus_1', name: 'Li', tags: [], identities: [], createdAt: 1 };
    for (const at of [now - 40 * DAY, now - 35 * DAY, now - DAY]) {
      const event = store.appendEvent({ kind: 'customer.upserted', customer }, at);
      store.appendToFeeds(event.seq, ['*', 'agt_bob']);
    }
    store.claimKey('old-key', 'agt_bob', now - 40 * DAY, 0);
    store.completeClaim('old-key', '{"ok":true}');
    store.claimKey('new-key', 'agt_bob', now - DAY, 0);
    store.completeClaim('new-key', '{"ok":true}');

    pruneRetention(store, 30, now, createMemoryLogger());
    expect(store.feedAfter('agt_bob', 0, 10).map((e) => e.pos)).toEqual([3]);
    expect(store.feedAfter('*', 0, 10).map((e) => e.event.at)).toEqual([now - DAY]);
    expect(store.commandResult('old-key')).toBeNull();
    expect(store.commandResult('new-key')).toBe('{"ok":true}');
    const next = store.appendEvent({ kind: 'customer.upserted', customer }, now);
    store.appendToFeeds(next.seq, ['agt_bob']);
    expect(store.feedHead('agt_bob')).toBe(4);
  });
  it('deletes order notices and settled deliveries past the retention; one still being tried stays', () => {
    dir = mkdtempSync(join(tmpdir(), 'retention-'));
    store = openSqliteHubStore(join(dir, 'hub.sqlite'));
    const now = 100 * DAY;
    const to = { kind: 'email' as const, value: 'li@example.com' };
    const delivery = (id: string, at: number, state: 'sending' | 'delivered') =>
      store!.insertDirectDelivery({ id, purpose: 'notice', ref: `ntc_${id}`, channel: 'email', to, subject: 's', text: 't', delivery: { state, attempts: 1, at }, createdAt: at });
    delivery('old', now - 40 * DAY, 'delivered');
    delivery('stuck', now - 40 * DAY, 'sending');
    delivery('new', now - DAY, 'delivered');
    const notice = { platform: 'taobao', eventType: 'shipment_delayed', orderId: 'o1', customerId: 'cus_1', language: 'en' as const, conversationId: null };
    store.insertOrderNotice({ ...notice, id: 'ntc_old', eventKey: 'taobao:old', deliveryId: 'old', createdAt: now - 40 * DAY });
    store.insertOrderNotice({ ...notice, id: 'ntc_new', eventKey: 'taobao:new', deliveryId: 'new', createdAt: now - DAY });

    pruneRetention(store, 30, now, createMemoryLogger());
    expect(store.directDelivery('old')).toBeNull();
    expect(store.directDelivery('stuck')?.delivery.state).toBe('sending');
    expect(store.directDelivery('new')).not.toBeNull();
    expect(store.orderNoticeByEvent('taobao:old')).toBeNull();
    expect(store.orderNoticeByEvent('taobao:new')?.id).toBe('ntc_new');
  });
});
