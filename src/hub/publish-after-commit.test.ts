import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../shared/domain/customer';
import type { HubEvent } from '../shared/protocol/hub-events';
import { createEventPublisher } from './event-publisher';
import { createEventBus } from './event-bus';
import { openSqliteHubStore } from './store/sqlite-hub-store';
import type { HubStore } from './store/hub-store';

const customer = (id: string): Customer => ({ id, name: id, tags: [], identities: [], createdAt: 1, mergedInto: null });

let dir: string | null = null;
let store: HubStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A real store, bus and conversation service, and what a listener (a socket) has been sent so far. */
function rig() {
  dir = mkdtempSync(join(tmpdir(), 'hub-commit-'));
  const s = openSqliteHubStore(join(dir, 'hub.sqlite'));
  store = s;
  const bus = createEventBus();
  const conversations = createEventPublisher(s, bus);
  const seen: HubEvent[] = [];
  bus.subscribe((e) => seen.push(e));
  const upsert = (id: string): void => {
    s.insertCustomer(customer(id));
    conversations.publish({ kind: 'customer.upserted', customer: customer(id) });
  };
  const ids = (): string[] => seen.map((e) => (e.kind === 'customer.upserted' ? e.customer.id : e.kind));
  return { store: s, bus, conversations, seen, upsert, ids };
}

describe('events published inside a transaction', () => {
  it('are not seen until the transaction commits', () => {
    const r = rig();
    r.store.transaction(() => {
      r.upsert('cus_a');
      r.upsert('cus_b');
      expect(r.seen).toEqual([]);
    });
    expect(r.ids()).toEqual(['cus_a', 'cus_b']);
    expect(r.seen.map((e) => e.seq)).toEqual(r.store.feedAfter('*', 0, 10).map((s) => s.event.seq));
  });

  it('are dropped when the transaction rolls back: nobody hears of what never happened', () => {
    const r = rig();
    const head = r.store.headSeq();
    expect(() =>
      r.store.transaction(() => {
        r.upsert('cus_gone');
        throw new Error('something failed after the publish');
      }),
    ).toThrow('something failed');
    expect(r.seen).toEqual([]);
    expect(r.store.headSeq()).toBe(head);
    expect(r.store.customer('cus_gone')).toBeNull();
    // The next event is delivered normally, with a seq nobody was ever shown before.
    r.upsert('cus_next');
    expect(r.ids()).toEqual(['cus_next']);
  });

  it('nest: an inner transaction that rolls back drops only its own events, the rest wait for the outermost commit', () => {
    const r = rig();
    r.store.transaction(() => {
      r.upsert('cus_before');
      r.store.transaction(() => r.upsert('cus_inner_kept'));
      expect(() =>
        r.store.transaction(() => {
          r.upsert('cus_inner_dropped');
          throw new Error('inner failure');
        }),
      ).toThrow('inner failure');
      r.upsert('cus_after');
      expect(r.seen).toEqual([]);
    });
    expect(r.ids()).toEqual(['cus_before', 'cus_inner_kept', 'cus_after']);
    expect(r.store.customer('cus_inner_dropped')).toBeNull();
  });

  it('an outer rollback drops what committed inner transactions published', () => {
    const r = rig();
    expect(() =>
      r.store.transaction(() => {
        r.store.transaction(() => r.upsert('cus_inner'));
        throw new Error('outer failure');
      }),
    ).toThrow('outer failure');
    expect(r.seen).toEqual([]);
    expect(r.store.customer('cus_inner')).toBeNull();
  });

  it('reach every listener in seq order, even when a listener publishes while a batch is being delivered', () => {
    const r = rig();
    const second: number[] = [];
    r.bus.subscribe((e) => {
      second.push(e.seq);
      if (e.kind === 'customer.upserted' && e.customer.id === 'cus_1') r.store.transaction(() => r.upsert('cus_from_listener'));
    });
    r.store.transaction(() => {
      r.upsert('cus_1');
      r.upsert('cus_2');
    });
    expect(r.ids()).toEqual(['cus_1', 'cus_2', 'cus_from_listener']);
    const seqs = r.seen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(second).toEqual(seqs);
  });

  it('outside a transaction, go out at once', () => {
    const r = rig();
    r.upsert('cus_now');
    expect(r.ids()).toEqual(['cus_now']);
  });
});
